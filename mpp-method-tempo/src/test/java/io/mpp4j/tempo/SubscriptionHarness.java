package io.mpp4j.tempo;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.store.Store;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One server instance selling a daily subscription ({@code GET /api/fortune}, 1.00 pathUSD per day)
 * on a local chain: its own {@link TempoMethod} and engine over a given store and ledger, the
 * chain's dev account 0 as fee payer, every payment event kept.
 */
final class SubscriptionHarness implements AutoCloseable {
  static final String ACCESS_KEY_SECRET = "a-subscription-test-secret-of-32-bytes!!";
  static final long DAY = 86_400;
  static final long PRICE = 1_000_000;

  final TempoMethod method;
  final Mpp mpp;
  final Store store;
  final Ledger ledger;
  final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final FortuneServer server;

  SubscriptionHarness(LocalTempoChain chain, Store store, Ledger ledger) throws IOException {
    this(chain, store, ledger, settings -> settings);
  }

  SubscriptionHarness(
      LocalTempoChain chain,
      Store store,
      Ledger ledger,
      UnaryOperator<TempoSubscriptionSettings.Builder> tune)
      throws IOException {
    this(chain, store, ledger, tune, method -> method);
  }

  SubscriptionHarness(
      LocalTempoChain chain,
      Store store,
      Ledger ledger,
      UnaryOperator<TempoSubscriptionSettings.Builder> tune,
      UnaryOperator<TempoMethod.Builder> methodTune)
      throws IOException {
    this.store = store;
    this.ledger = ledger;
    this.method =
        methodTune
            .apply(chain.merchantMethod())
            .feePayer(Secret.of(chain.sponsor().privateKey()))
            .subscriptions(tune.apply(settings()).build())
            .build();
    this.mpp =
        Mpp.builder()
            .realm(PaymentHarness.REALM)
            .secret(Secret.of(PaymentHarness.SECRET))
            .store(store)
            .ledger(ledger)
            .reconcileEvery(null)
            .method(method)
            .listener(events::add)
            .build();
    this.server = new FortuneServer(mpp, List.of(offer()));
  }

  static TempoSubscriptionSettings.Builder settings() {
    return TempoSubscriptionSettings.builder()
        .accessKeySecret(Secret.of(ACCESS_KEY_SECRET))
        .chainTimeRefresh(Duration.ZERO)
        .retryInterval(Duration.ZERO)
        .renewalWait(Duration.ofSeconds(20));
  }

  static Offer offer() {
    return Offer.subscription(TempoMethod.ID)
        .price("1.00")
        .period("day", 1)
        .subscriptionLength(Duration.ofDays(30))
        .build();
  }

  URI url() {
    return server.url();
  }

  TempoSubscriptions subscriptions() {
    return method.subscriptions();
  }

  /** The subscription events of one kind. */
  List<PaymentEvent.SubscriptionChanged> changes(PaymentEvent.SubscriptionChange change) {
    return events.stream()
        .filter(PaymentEvent.SubscriptionChanged.class::isInstance)
        .map(PaymentEvent.SubscriptionChanged.class::cast)
        .filter(e -> e.change() == change)
        .toList();
  }

  /** This instance's ledger entries of one subscription. */
  List<LedgerEntry> entries(String subscriptionId) {
    return ledger
        .query(
            LedgerQuery.between(
                    java.time.Instant.EPOCH, java.time.Instant.parse("9999-01-01T00:00:00Z"))
                .limit(10_000)
                .build())
        .stream()
        .filter(e -> e.challengeId().startsWith("subscription:" + subscriptionId + ":"))
        .toList();
  }

  /** The stored record of a subscription (with its access key's address). */
  SubscriptionRecord record(String id) {
    return new SubscriptionStore(store).get(id).orElseThrow().record();
  }

  @Override
  public void close() {
    server.close();
  }
}
