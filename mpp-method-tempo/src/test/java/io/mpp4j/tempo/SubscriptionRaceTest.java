package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server instances sharing one store (and ledger) race: the same payer subscribing through both
 * at once gets one subscription and one charge; when a period is due, both instances' renewal jobs
 * and the payer's requests to both at once charge it once.
 */
class SubscriptionRaceTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  private static final BigInteger PRICE = BigInteger.valueOf(SubscriptionHarness.PRICE);
  private static final MemoryLedger LEDGER = new MemoryLedger();
  private static SubscriptionHarness first;
  private static SubscriptionHarness second;

  @BeforeAll
  static void start() throws Exception {
    MemoryStore shared = new MemoryStore();
    first = new SubscriptionHarness(CHAIN, shared, LEDGER);
    second = new SubscriptionHarness(CHAIN, shared, LEDGER);
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
  }

  @Test
  void samePayerWhenSubscribingOnBothInstancesAtOnceThenOneSubscriptionOneCharge()
      throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);

    List<Object> results =
        race(
            () -> MppxClient.subscribe(first.url(), CHAIN, payer, "0.9.0", 1).get(0),
            () -> MppxClient.subscribe(second.url(), CHAIN, payer, "0.9.0", 1).get(0));

    JsonNode a = SubscriptionLifecycleTest.paid((JsonNode) results.get(0));
    JsonNode b = SubscriptionLifecycleTest.paid((JsonNode) results.get(1));
    assertThat(b.path("subscriptionId").asText()).isEqualTo(a.path("subscriptionId").asText());
    assertThat(b.path("reference").asText()).isEqualTo(a.path("reference").asText());
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE);
    assertThat(first.entries(a.path("subscriptionId").asText()))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));
  }

  @Test
  void periodDueWhenJobsAndRequestsOfTwoInstancesRaceThenChargedOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id =
        SubscriptionLifecycleTest.paid(
                MppxClient.subscribe(first.url(), CHAIN, payer, "0.9.0", 1).get(0))
            .path("subscriptionId")
            .asText();
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    List<Object> results =
        race(
            () -> first.subscriptions().renewDue(),
            () -> second.subscriptions().renewDue(),
            () -> first.subscriptions().renewDue(),
            () -> second.subscriptions().renewDue(),
            () -> MppxClient.subscribe(first.url(), CHAIN, payer, "0.9.0", 1).get(0),
            () -> MppxClient.subscribe(second.url(), CHAIN, payer, "0.9.0", 1).get(0));

    String reference = first.subscriptions().find(id).orElseThrow().reference();
    for (Object result : results.subList(4, 6)) {
      assertThat(SubscriptionLifecycleTest.paid((JsonNode) result).path("reference").asText())
          .isEqualTo(reference);
    }
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(first.entries(id))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));
    assertThat(renewals(first, id) + renewals(second, id)).isEqualTo(1);
    assertThat(first.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
  }

  @Test
  void periodDueWhenRequestsToBothInstancesRaceThenChargedOnceAndBothServed() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id =
        SubscriptionLifecycleTest.paid(
                MppxClient.subscribe(second.url(), CHAIN, payer, "0.9.0", 1).get(0))
            .path("subscriptionId")
            .asText();
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    List<Object> results =
        race(
            () -> MppxClient.subscribe(first.url(), CHAIN, payer, "0.9.0", 1).get(0),
            () -> MppxClient.subscribe(second.url(), CHAIN, payer, "0.9.0", 1).get(0));

    JsonNode a = SubscriptionLifecycleTest.paid((JsonNode) results.get(0));
    JsonNode b = SubscriptionLifecycleTest.paid((JsonNode) results.get(1));
    assertThat(a.path("reference").asText()).isEqualTo(b.path("reference").asText());
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(renewals(first, id) + renewals(second, id)).isEqualTo(1);
  }

  @Test
  void ledgerWhenReconciledWithTheChainThenEverySubscriptionChargeMatchesATransfer()
      throws Exception {
    SubscriptionLifecycleTest.paid(
        MppxClient.subscribe(second.url(), CHAIN, CHAIN.freshAccount(), "0.9.0", 1).get(0));

    io.mpp4j.core.ledger.ReconciliationReport report =
        first.method.reconcile(
            LEDGER, java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"));

    assertThat(report.differences()).isEmpty();
    assertThat(report.ledgerTotal()).isGreaterThanOrEqualTo(PRICE);
    assertThat(report.ledgerTotal()).isEqualTo(report.networkTotal());
  }

  /** Runs every task at once and returns their results in order. */
  @SafeVarargs
  static List<Object> race(Callable<?>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<?> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long renewals(SubscriptionHarness instance, String id) {
    return instance.changes(SubscriptionChange.RENEWED).stream()
        .filter(e -> e.subscriptionId().equals(id))
        .count();
  }

  private static BigInteger balance(LocalTempoChain.DevAccount payer) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
  }
}
