package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.store.MemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions on a local chain with the project's escrow, through the real engine: a channel opened by
 * a signed transaction, vouchers, a metered request, refusals with the spec's problem types, and a
 * cooperative close paid out on chain.
 */
class SessionLocalChainTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new SessionHarness(CHAIN, LocalEscrow.install(CHAIN), new MemoryStore(), "0.001");
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private static Decision send(
      String method, Challenge challenge, com.fasterxml.jackson.databind.node.ObjectNode payload) {
    return harness.send(method, challenge, payload);
  }

  @Test
  void openWhenSignedTransactionOnContentRequestThenChannelOpenAndOneUnitReserved() {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 100_000);
    Challenge challenge = harness.challenge();

    Decision decision = send("GET", challenge, harness.open(channel, 1_000));

    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Paid.class);
    Decision.Paid paid = (Decision.Paid) decision;
    assertThat(paid.receipt().text("channelId")).contains(channel.id());
    assertThat(paid.receipt().text("spent")).contains("1000");
    assertThat(paid.receipt().text("txHash")).isPresent();
    paid.settlement().complete();
  }
}
