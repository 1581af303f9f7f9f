package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Renewals whose outcome the node did not report (no payment lost, none taken twice): a charge
 * whose reply was lost is found by its receipt and served once; a charge the node never received
 * stays in flight (503) until it can no longer be mined, then fails, and the retry charges the
 * period once.
 */
class SubscriptionRecoveryTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  private static final BigInteger PRICE = BigInteger.valueOf(SubscriptionHarness.PRICE);
  private static RpcFaultProxy proxy;
  private static SubscriptionHarness server;

  @BeforeAll
  static void start() throws Exception {
    proxy = RpcFaultProxy.start(CHAIN.rpcUrl());
    server =
        new SubscriptionHarness(
            CHAIN,
            new MemoryStore(),
            new MemoryLedger(),
            settings -> settings.renewalWait(Duration.ofSeconds(3)),
            method -> method.rpcUrl(proxy.url()).receiptTimeout(Duration.ofSeconds(3)));
  }

  @AfterAll
  static void stop() {
    server.close();
    proxy.close();
  }

  @AfterEach
  void heal() {
    proxy.clear();
  }

  @Test
  void renewalReplyLostWhenTheTransactionLandedThenFoundByReceiptAndChargedOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id = subscribe(payer);
    CHAIN.advance(SubscriptionHarness.DAY + 60);
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.LOSE_REPLY);

    JsonNode renewed = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);

    String reference = SubscriptionLifecycleTest.paid(renewed).path("reference").asText();
    assertThat(server.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(server.entries(id))
        .filteredOn(e -> e.reference() != null && e.reference().equals(reference))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));
    assertThat(server.changes(SubscriptionChange.CHARGE_PENDING))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
  }

  @Test
  void renewalSwallowedWhenItCanNoLongerBeMinedThenFailedAndTheRetryChargesOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id = subscribe(payer);
    CHAIN.advance(SubscriptionHarness.DAY + 60);
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.SWALLOW);

    JsonNode pending = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);
    proxy.clear();
    CHAIN.advance(120);
    JsonNode recovered = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);

    assertThat(pending.path("status").asInt()).as(pending.toString()).isEqualTo(503);
    SubscriptionLifecycleTest.paid(recovered);
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(server.entries(id))
        .extracting(LedgerEntry::status)
        .containsExactlyInAnyOrder(
            LedgerEntry.Status.SETTLED, LedgerEntry.Status.FAILED, LedgerEntry.Status.SETTLED);
    assertThat(server.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
  }

  private static String subscribe(LocalTempoChain.DevAccount payer) throws Exception {
    return SubscriptionLifecycleTest.paid(
            MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0))
        .path("subscriptionId")
        .asText();
  }

  private static BigInteger balance(LocalTempoChain.DevAccount payer) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
  }
}
