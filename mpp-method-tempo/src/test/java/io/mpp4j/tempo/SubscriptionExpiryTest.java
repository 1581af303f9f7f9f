package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code subscriptionExpires} honoured (draft-payment-intent-subscription-00 §"Expiry Example"):
 * once chain time passes it nothing is served or charged, and a challenge whose subscription would
 * already be over on chain is not activated. On a chain of its own: chain time jumps a month.
 */
class SubscriptionExpiryTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  private static SubscriptionHarness server;

  @BeforeAll
  static void start() throws Exception {
    server = new SubscriptionHarness(CHAIN, new MemoryStore(), new MemoryLedger());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void endWhenPassedOnChainThenEndedWithoutChargeAnd402ThenNoActivationBeyondIt() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String id =
        SubscriptionLifecycleTest.paid(
                MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0))
            .path("subscriptionId")
            .asText();
    TempoSubscription active = server.subscriptions().find(id).orElseThrow();
    BigInteger balance = balance(payer);

    CHAIN.advance(active.expires().getEpochSecond() - CHAIN.chainTime() + 60);
    JsonNode expired = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);
    JsonNode again = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);

    assertThat(expired.path("status").asInt()).isEqualTo(402);
    assertThat(expired.path("problem").path("detail").asText()).contains("expired");
    assertThat(server.subscriptions().find(id).orElseThrow().status()).isEqualTo(Status.EXPIRED);
    assertThat(server.changes(SubscriptionChange.ENDED))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
    assertThat(again.path("status").asInt()).isEqualTo(402);
    assertThat(again.path("problem").path("detail").asText()).contains("would end before");
    assertThat(balance(payer)).isEqualTo(balance);
  }

  private static BigInteger balance(LocalTempoChain.DevAccount payer) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
  }
}
