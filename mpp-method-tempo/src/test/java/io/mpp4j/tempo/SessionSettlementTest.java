package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The payee settles on chain by policy (an unsettled amount threshold) and, through the close
 * watcher, as soon as a payer requests a forced close, before its grace period ends; vouchers of a
 * channel whose close was requested are refused.
 */
class SessionSettlementTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static String escrow;
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    escrow = LocalEscrow.install(CHAIN);
    harness =
        new SessionHarness(
            CHAIN,
            escrow,
            new MemoryStore(),
            "0.001",
            TempoSessionSettings.builder()
                .settleAbove("0.002")
                .closeWatch(Duration.ofMillis(200), 10)
                .channelStateTtl(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private static SessionHarness.Channel opened() {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 50_000);
    Decision decision = harness.send("GET", harness.challenge(), harness.open(channel, 1_000));
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) decision).settlement().complete();
    return channel;
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void voucherWhenUnsettledAmountReachesThresholdThenSettledOnChain() throws Exception {
    SessionHarness.Channel channel = opened();
    BigInteger payeeBefore = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());

    assertThat(harness.send("POST", harness.challenge(), harness.voucher(channel, 3_000)))
        .isInstanceOf(Decision.Acknowledged.class);

    eventually(() -> harness.onChain(channel.id()).settled().equals(BigInteger.valueOf(3_000)));
    assertThat(
            CHAIN
                .balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address())
                .subtract(payeeBefore))
        .isEqualTo(BigInteger.valueOf(3_000));
  }

  @Test
  void requestCloseWhenPayerForcesCloseThenWatcherSettlesBeforeGraceEnds() throws Exception {
    SessionHarness.Channel channel = opened();
    assertThat(harness.send("POST", harness.challenge(), harness.voucher(channel, 1_500)))
        .isInstanceOf(Decision.Acknowledged.class);
    Thread.sleep(300);
    assertThat(harness.onChain(channel.id()).settled()).isZero();

    String requestClose =
        harness.payerTransaction(
            channel.payer(),
            escrow,
            Abi.call(Abi.selector("requestClose(bytes32)"), Abi.bytes32(channel.id())));
    assertThat(CHAIN.rpc("eth_sendRawTransactionSync", requestClose).path("status").asText())
        .isEqualTo("0x1");

    eventually(() -> harness.onChain(channel.id()).settled().equals(BigInteger.valueOf(1_500)));
    Escrow.OnChain onChain = harness.onChain(channel.id());
    assertThat(onChain.closeRequestedAt()).isPositive();
    assertThat(onChain.finalized()).isFalse();
    Decision refused = harness.send("POST", harness.challenge(), harness.voucher(channel, 2_000));
    assertThat(((Decision.PaymentRequired) refused).problem().type())
        .isEqualTo(ProblemType.SESSION_CHANNEL_FINALIZED);
  }
}
