package io.mpp4j.mcp;

import static io.mpp4j.mcp.Wire.call;
import static io.mpp4j.mcp.Wire.challenge;
import static io.mpp4j.mcp.Wire.challenges;
import static io.mpp4j.mcp.Wire.code;
import static io.mpp4j.mcp.Wire.data;
import static io.mpp4j.mcp.Wire.pay;
import static io.mpp4j.mcp.Wire.problem;
import static io.mpp4j.mcp.Wire.receipt;
import static io.mpp4j.mcp.Wire.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.mpp4j.core.Meter;
import io.mpp4j.core.Metering;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.Usage;
import io.mpp4j.core.Verified;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Usage a handler reports under a metered intent (a session priced per unit), charged before the
 * result is sent: covered usage is charged once; usage the payer's credit does not cover is refused
 * with {@code -32043} and fresh challenges, the result withheld and the reserved unit given back.
 */
class MeteredUsageTest {
  private static final Tool WORDS =
      Tool.builder().name("words").inputSchema(Map.of("type", "object")).build();

  /** The payer's prepaid units not yet spent (a channel's accepted minus spent amount). */
  private final AtomicLong credit = new AtomicLong();

  private final Mpp mpp =
      Mpp.builder()
          .realm("mcp.example")
          .secret(Secret.of("metered usage test secret, 32+ bytes"))
          .method(creditMethod(credit))
          .build();
  private final McpPayments payments = McpPayments.builder(mpp).build();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void usageWhenCoveredByCreditThenChargedOnceBeforeTheResult() {
    credit.set(5);
    McpServerFeatures.SyncToolSpecification tool = tool(3, false, false);

    CallToolResult result = call(tool, Map.of(), pay(challenge(tool, Map.of()), "c"));

    assertThat(result.content()).hasSize(1);
    assertThat(receipt(result)).containsEntry("units", 3L).containsEntry("spent", 3L);
    assertThat(credit).hasValue(2);
  }

  @Test
  void usageWhenBeyondCreditThenRefusedWithFreshChallengesResultWithheldAndNothingCharged() {
    credit.set(2);
    McpServerFeatures.SyncToolSpecification tool = tool(3, false, false);
    Map<String, Object> offered = challenge(tool, Map.of());

    McpError error = refused(tool, Map.of(), pay(offered, "c"));

    assertThat(runs).hasValue(1);
    assertThat(code(error)).isEqualTo(McpPayments.VERIFICATION_FAILED);
    assertThat(data(error).get("failure"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("reason", "session/insufficient-balance");
    assertThat(problem(error))
        .containsEntry("requiredTopUp", "1")
        .containsEntry("channelId", "0xchannel")
        .containsEntry("challengeId", offered.get("id"));
    assertThat(challenges(error)).hasSize(1);
    assertThat(challenges(error).get(0).get("id")).isNotEqualTo(offered.get("id"));
    assertThat(credit).as("the reserved unit given back").hasValue(2);
  }

  @Test
  void usageWhenHandlerChargedThroughTheMeterThenNotChargedAgain() {
    credit.set(5);
    McpServerFeatures.SyncToolSpecification tool = tool(3, true, false);

    CallToolResult result = call(tool, Map.of(), pay(challenge(tool, Map.of()), "c"));

    assertThat(receipt(result)).containsEntry("units", 3L);
    assertThat(credit).hasValue(2);
  }

  @Test
  void usageWhenResultIsAnErrorThenNothingCharged() {
    credit.set(5);
    McpServerFeatures.SyncToolSpecification tool = tool(3, false, true);

    CallToolResult result = call(tool, Map.of(), pay(challenge(tool, Map.of()), "c"));

    assertThat(result.isError()).isTrue();
    assertThat(credit).hasValue(5);
  }

  /** A tool that uses {@code units}, reported after it ran or charged through the meter. */
  private McpServerFeatures.SyncToolSpecification tool(long units, boolean meter, boolean fail) {
    return payments.tool(
        WORDS,
        McpPayments.Pricing.offers(Offer.of("credit", "metered").price("0.001").build()),
        (exchange, request, paid) -> {
          runs.incrementAndGet();
          if (meter) {
            assertThat(paid.meter().orElseThrow().charge(units, Duration.ZERO, need -> {}))
                .isTrue();
          }
          paid.recordUsage(units);
          return CallToolResult.builder().addTextContent("words").isError(fail).build();
        });
  }

  /** A metered intent over a credit of units: one reserved at admission, the rest on use. */
  private static PaymentMethod creditMethod(AtomicLong credit) {
    return new ScriptedMethod(
        "credit",
        "metered",
        (credential, now) -> {
          credit.decrementAndGet();
          Receipt receipt = new Receipt("credit", "0xchannel", now);
          return Verified.metered(receipt, new CreditMetering(credit, receipt));
        });
  }

  private static final class CreditMetering implements Metering, Meter {
    private final AtomicLong credit;
    private final Receipt admitted;
    private long reserved = 1;
    private long metered;

    CreditMetering(AtomicLong credit, Receipt admitted) {
      this.credit = credit;
      this.admitted = admitted;
    }

    @Override
    public Optional<Meter> meter() {
      return Optional.of(this);
    }

    @Override
    public synchronized boolean charge(long units, Duration maxWait, NeedListener onNeed) {
      long rest = units - reserved;
      if (credit.get() < rest) {
        onNeed.needVoucher(new Need("0xchannel", Long.toString(rest - credit.get()), "0", "100"));
        return false;
      }
      credit.addAndGet(-rest);
      reserved = 0;
      metered += units;
      return true;
    }

    @Override
    public synchronized Receipt receipt() {
      return admitted.with("units", metered);
    }

    @Override
    public synchronized Receipt complete(Usage usage) {
      long units = metered > 0 ? metered : Math.max(1, usage.units());
      return admitted.with("units", units).with("spent", units);
    }

    @Override
    public synchronized void abort(Throwable cause) {
      credit.addAndGet(reserved);
      reserved = 0;
    }
  }
}
