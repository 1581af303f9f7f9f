package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The life of a Tempo subscription with the reference client ({@code mppx@0.9.0}, whose key
 * authorizations a Tempo T4 chain accepts) on a local chain: activation, reuse within the period,
 * renewal once chain time moved on, skipped periods charged once, a renewal job, revocation, an
 * insufficient balance and a reverted transfer with their recovery, grace, and cancellation at the
 * end of the paid period. Each test subscribes a fresh payer; chain time only moves forward.
 */
class SubscriptionLifecycleTest {
  @RegisterExtension static final LocalTempoChain CHAIN = LocalTempoChain.atT4();

  private static final BigInteger PRICE = BigInteger.valueOf(SubscriptionHarness.PRICE);
  private static SubscriptionHarness server;
  private static SubscriptionHarness graceful;
  private static SubscriptionHarness cancelling;
  private static SubscriptionHarness scheduled;
  private static SubscriptionHarness accounts;

  @BeforeAll
  static void start() throws Exception {
    server = new SubscriptionHarness(CHAIN, new MemoryStore(), new MemoryLedger());
    cancelling = new SubscriptionHarness(CHAIN, new MemoryStore(), new MemoryLedger());
    scheduled = new SubscriptionHarness(CHAIN, new MemoryStore(), new MemoryLedger());
    accounts =
        new SubscriptionHarness(
            CHAIN,
            new MemoryStore(),
            new MemoryLedger(),
            settings ->
                settings.subscriber(exchange -> exchange.header("X-Account").stream().findFirst()));
    graceful =
        new SubscriptionHarness(
            CHAIN,
            new MemoryStore(),
            new MemoryLedger(),
            settings -> settings.gracePeriod(Duration.ofHours(6)));
  }

  @AfterAll
  static void stop() {
    server.close();
    graceful.close();
    cancelling.close();
    scheduled.close();
    accounts.close();
  }

  @Test
  void subscribeWhenActivatedThenPeriodReusedWithoutSecondCharge() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = merchantBalance();

    JsonNode results = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 2);

    JsonNode first = paid(results.get(0));
    JsonNode second = paid(results.get(1));
    assertThat(second.path("subscriptionId").asText())
        .isEqualTo(first.path("subscriptionId").asText());
    assertThat(second.path("reference").asText()).isEqualTo(first.path("reference").asText());
    assertThat(merchantBalance().subtract(before)).isEqualTo(PRICE);
    String id = first.path("subscriptionId").asText();
    assertThat(server.entries(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.reference()).isEqualTo(first.path("reference").asText());
              assertThat(e.amount()).isEqualTo(PRICE);
              assertThat(e.payer()).isEqualTo(payer.did());
            });
    TempoSubscription subscription = server.subscriptions().find(id).orElseThrow();
    assertThat(subscription.status()).isEqualTo(Status.ACTIVE);
    assertThat(subscription.lastChargedPeriod()).isZero();
    assertThat(subscription.payer()).isEqualTo(payer.address());
    assertThat(activations(id)).hasSize(1);
  }

  @Test
  void nextPeriodWhenRequestedThenRenewedOnceAndPayeeGainsTwoPeriods() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = merchantBalance();
    String id = subscribe(server, payer);

    CHAIN.advance(SubscriptionHarness.DAY + 60);
    JsonNode results = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 2);

    JsonNode renewal = paid(results.get(0));
    assertThat(renewal.path("subscriptionId").asText()).isEqualTo(id);
    assertThat(paid(results.get(1)).path("reference").asText())
        .isEqualTo(renewal.path("reference").asText());
    assertThat(merchantBalance().subtract(before)).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(server.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
    assertThat(settled(id)).hasSize(2);
    assertThat(server.changes(SubscriptionChange.RENEWED))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
  }

  @Test
  void threePeriodsSkippedWhenRequestedThenOnlyCurrentPeriodCharged() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = merchantBalance();
    String id = subscribe(server, payer);

    CHAIN.advance(4 * SubscriptionHarness.DAY + 60);
    JsonNode results = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 2);

    paid(results.get(0));
    paid(results.get(1));
    assertThat(merchantBalance().subtract(before)).isEqualTo(PRICE.multiply(BigInteger.TWO));
    TempoSubscription subscription = server.subscriptions().find(id).orElseThrow();
    assertThat(subscription.lastChargedPeriod()).isEqualTo(4);
    assertThat(settled(id)).hasSize(2);
  }

  @Test
  void renewalJobWhenPeriodDueThenChargesOnceAndRequestsReuseIt() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id = subscribe(scheduled, payer);
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    TempoSubscriptions.RenewalRun run = scheduled.subscriptions().renewDue();
    TempoSubscriptions.RenewalRun again = scheduled.subscriptions().renewDue();
    JsonNode results = MppxClient.subscribe(scheduled.url(), CHAIN, payer, "0.9.0", 1);

    assertThat(run.renewed()).isEqualTo(1);
    assertThat(again.renewed()).isZero();
    TempoSubscription renewed = scheduled.subscriptions().find(id).orElseThrow();
    assertThat(renewed.lastChargedPeriod()).isEqualTo(1);
    assertThat(paid(results.get(0)).path("reference").asText()).isEqualTo(renewed.reference());
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
  }

  @Test
  void accessKeyRevokedWhenRenewalDueThenNoticedEndedAnd402() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String id = subscribe(server, payer);
    payerCalls(payer, Keychain.revokeKey(accessKey(id)));
    BigInteger before = merchantBalance();
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    JsonNode refused = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);

    assertThat(refused.path("status").asInt()).isEqualTo(402);
    assertThat(refused.path("problem").path("detail").asText()).contains("revoked");
    assertThat(server.subscriptions().find(id).orElseThrow().status()).isEqualTo(Status.REVOKED);
    assertThat(merchantBalance()).isEqualTo(before);
    assertThat(server.changes(SubscriptionChange.REVOKED))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
    assertThat(server.entries(id))
        .filteredOn(e -> e.status() == LedgerEntry.Status.FAILED)
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("revoked"));
    JsonNode resubscribed = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);
    assertThat(paid(resubscribed).path("subscriptionId").asText()).isNotEqualTo(id);
  }

  @Test
  void balanceInsufficientWhenRenewalDueThen402UntilToppedUpThenChargedOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = merchantBalance();
    String id = subscribe(server, payer);
    drain(payer);
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    JsonNode refused = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);
    topUp(payer);
    JsonNode recovered = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 2);

    assertThat(refused.path("status").asInt()).isEqualTo(402);
    assertThat(refused.path("problem").path("detail").asText()).contains("balance");
    assertThat(refused.has("receipt") && !refused.path("receipt").isNull()).isFalse();
    assertThat(paid(recovered.get(0)).path("subscriptionId").asText()).isEqualTo(id);
    assertThat(paid(recovered.get(1)).path("reference").asText())
        .isEqualTo(recovered.get(0).path("receipt").path("reference").asText());
    assertThat(merchantBalance().subtract(before)).isEqualTo(PRICE.multiply(BigInteger.TWO));
    List<LedgerEntry> entries = server.entries(id);
    assertThat(entries).filteredOn(e -> e.status() == LedgerEntry.Status.FAILED).hasSize(1);
    assertThat(settled(id)).hasSize(2);
    assertThat(server.changes(SubscriptionChange.CHARGE_FAILED))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
  }

  @Test
  void transferRevertedWhenRenewingThen402AndLaterRetryInSamePeriodChargesOnce() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = merchantBalance();
    String id = subscribe(server, payer);
    String key = accessKey(id);
    payerCalls(payer, Keychain.updateSpendingLimit(key, LocalTempoChain.PATH_USD, BigInteger.ONE));
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    JsonNode refused = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);
    payerCalls(payer, Keychain.updateSpendingLimit(key, LocalTempoChain.PATH_USD, PRICE));
    JsonNode recovered = MppxClient.subscribe(server.url(), CHAIN, payer, "0.9.0", 1).get(0);

    assertThat(refused.path("status").asInt()).isEqualTo(402);
    assertThat(refused.path("problem").path("detail").asText()).contains("reverted");
    assertThat(paid(recovered).path("subscriptionId").asText()).isEqualTo(id);
    assertThat(merchantBalance().subtract(before)).isEqualTo(PRICE.multiply(BigInteger.TWO));
    assertThat(server.entries(id))
        .filteredOn(e -> e.status() == LedgerEntry.Status.FAILED)
        .singleElement()
        .satisfies(e -> assertThat(e.reference()).startsWith("0x"));
    assertThat(server.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
  }

  @Test
  void renewalFailsWhenGraceConfiguredThenServedUntilGraceEndsThen402() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String id = subscribe(graceful, payer);
    String activation = graceful.subscriptions().find(id).orElseThrow().reference();
    drain(payer);
    CHAIN.advance(SubscriptionHarness.DAY + 60);

    JsonNode inGrace = MppxClient.subscribe(graceful.url(), CHAIN, payer, "0.9.0", 1).get(0);
    CHAIN.advance(7 * 3600);
    JsonNode afterGrace = MppxClient.subscribe(graceful.url(), CHAIN, payer, "0.9.0", 1).get(0);
    topUp(payer);
    JsonNode recovered = MppxClient.subscribe(graceful.url(), CHAIN, payer, "0.9.0", 1).get(0);

    assertThat(paid(inGrace).path("reference").asText()).isEqualTo(activation);
    assertThat(graceful.subscriptions().find(id).orElseThrow().status())
        .isIn(Status.ACTIVE, Status.PAST_DUE);
    assertThat(afterGrace.path("status").asInt()).isEqualTo(402);
    assertThat(paid(recovered).path("reference").asText()).isNotEqualTo(activation);
    assertThat(graceful.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
  }

  @Test
  void cancelledWhenPeriodPaidThenServedUntilItEndsAndNeverRenewed() throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String id = subscribe(cancelling, payer);
    BigInteger before = balance(payer);

    TempoSubscription cancelled = cancelling.subscriptions().cancel(id).orElseThrow();
    JsonNode stillPaid = MppxClient.subscribe(cancelling.url(), CHAIN, payer, "0.9.0", 1).get(0);
    CHAIN.advance(SubscriptionHarness.DAY + 60);
    JsonNode ended = MppxClient.subscribe(cancelling.url(), CHAIN, payer, "0.9.0", 1).get(0);
    TempoSubscriptions.RenewalRun run = cancelling.subscriptions().renewDue();

    assertThat(cancelled.cancelAt()).isEqualTo(cancelled.paidThrough());
    assertThat(paid(stillPaid).path("subscriptionId").asText()).isEqualTo(id);
    assertThat(ended.path("status").asInt()).isEqualTo(402);
    assertThat(ended.path("problem").path("detail").asText()).contains("cancelled");
    assertThat(cancelling.subscriptions().find(id).orElseThrow().status())
        .isEqualTo(Status.CANCELED);
    assertThat(run.renewed()).isZero();
    assertThat(balance(payer)).isEqualTo(before);
    assertThat(cancelling.entries(id))
        .anySatisfy(e -> assertThat(e.challengeId()).endsWith(":cancel"));
    assertThat(cancelling.changes(SubscriptionChange.CANCELLED))
        .anySatisfy(e -> assertThat(e.subscriptionId()).isEqualTo(id));
  }

  @Test
  void subscriberWhenTheApplicationAuthenticatedItThenServedAndRenewedWithoutA402()
      throws Exception {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = balance(payer);
    String id = subscribe(accounts, payer);

    HttpResponse<String> member = get(accounts, payer.address());
    HttpResponse<String> stranger = get(accounts, CHAIN.freshAccount().address());
    HttpResponse<String> anonymous = get(accounts, null);
    CHAIN.advance(SubscriptionHarness.DAY + 60);
    HttpResponse<String> renewed = get(accounts, payer.address());

    assertThat(member.statusCode()).isEqualTo(200);
    assertThat(
            PaymentHeaders.parseReceipt(
                    member.headers().firstValue("Payment-Receipt").orElseThrow())
                .text("subscriptionId"))
        .contains(id);
    assertThat(stranger.statusCode()).isEqualTo(402);
    assertThat(anonymous.statusCode()).isEqualTo(402);
    assertThat(renewed.statusCode()).isEqualTo(200);
    assertThat(accounts.subscriptions().find(id).orElseThrow().lastChargedPeriod()).isEqualTo(1);
    assertThat(before.subtract(balance(payer))).isEqualTo(PRICE.multiply(BigInteger.TWO));
  }

  private static HttpResponse<String> get(SubscriptionHarness harness, String account)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(harness.url()).GET();
    if (account != null) {
      request.header("X-Account", account);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String accessKey(String id) {
    return server.record(id).accessKey();
  }

  /** The payer's own transaction (its root key, its fees in AlphaUSD) calling the keychain. */
  private static void payerCalls(LocalTempoChain.DevAccount payer, byte[] data) {
    JsonNode receipt =
        TestPayer.from(payer)
            .call(SubscriptionChain.KEYCHAIN, data)
            .feeToken(LocalTempoChain.ALPHA_USD)
            .gas(1_000_000)
            .validBefore(CHAIN.chainTime() + 20)
            .broadcast(CHAIN);
    assertThat(receipt.path("status").asText()).isEqualTo("0x1");
  }

  /** Sends all of the payer's pathUSD to the partner account. */
  private static void drain(LocalTempoChain.DevAccount payer) {
    BigInteger all = CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
    JsonNode receipt =
        TestPayer.from(payer)
            .call(
                LocalTempoChain.PATH_USD,
                Tip20.encodeTransfer(CHAIN.partner().address(), all, null))
            .feeToken(LocalTempoChain.ALPHA_USD)
            .validBefore(CHAIN.chainTime() + 20)
            .broadcast(CHAIN);
    assertThat(receipt.path("status").asText()).isEqualTo("0x1");
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, payer.address())).isZero();
  }

  /** Sends the payer five periods' worth of pathUSD from a fresh account. */
  private static void topUp(LocalTempoChain.DevAccount payer) {
    JsonNode receipt =
        TestPayer.from(CHAIN.freshAccount())
            .transfer(
                LocalTempoChain.PATH_USD, payer.address(), 5 * SubscriptionHarness.PRICE, null)
            .validBefore(CHAIN.chainTime() + 20)
            .broadcast(CHAIN);
    assertThat(receipt.path("status").asText()).isEqualTo("0x1");
  }

  private static String subscribe(SubscriptionHarness harness, LocalTempoChain.DevAccount payer)
      throws Exception {
    JsonNode results = MppxClient.subscribe(harness.url(), CHAIN, payer, "0.9.0", 1);
    return paid(results.get(0)).path("subscriptionId").asText();
  }

  static JsonNode paid(JsonNode result) {
    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    JsonNode receipt = result.path("receipt");
    assertThat(receipt.path("method").asText()).isEqualTo("tempo");
    assertThat(receipt.path("subscriptionId").asText()).isNotEmpty();
    return receipt;
  }

  private static List<LedgerEntry> settled(String id) {
    return server.entries(id).stream()
        .filter(e -> e.status() == LedgerEntry.Status.SETTLED)
        .toList();
  }

  private static List<?> activations(String id) {
    return server.changes(SubscriptionChange.ACTIVATED).stream()
        .filter(e -> e.subscriptionId().equals(id))
        .toList();
  }

  private static BigInteger balance(LocalTempoChain.DevAccount payer) {
    return CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
  }

  private static BigInteger merchantBalance() {
    return CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
  }
}
