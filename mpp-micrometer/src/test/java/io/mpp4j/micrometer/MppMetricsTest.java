package io.mpp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MppMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final String TOKEN = "0x20c0000000000000000000000000000000000001";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MppMetrics metrics = new MppMetrics(registry, Tags.of("app", "shop"));

  @Test
  void settledEventWhenRecordedThenCountAmountAndLatencyByMethodIntentAndCurrency() {
    metrics.onEvent(settled("tempo", "1500000", Duration.ofMillis(40)));
    metrics.onEvent(settled("tempo", "500000", Duration.ofMillis(60)));

    assertThat(
            registry
                .get(MppMetrics.SETTLED)
                .tags("method", "tempo", "intent", "charge")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get(MppMetrics.AMOUNT).tags("currency", TOKEN).counter().count())
        .isEqualTo(2_000_000);
    var timer = registry.get(MppMetrics.VERIFICATION).tags("app", "shop").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100);
  }

  @Test
  void failureEventsWhenRecordedThenCountedByProblemComponentAndMethod() {
    metrics.onEvent(refused("tempo", ProblemType.VERIFICATION_FAILED));
    metrics.onEvent(refused("tempo", ProblemType.VERIFICATION_FAILED));
    metrics.onEvent(refused(null, ProblemType.MALFORMED_CREDENTIAL));
    metrics.onEvent(
        new PaymentEvent.OutcomeUnknown(
            NOW, "id", "tempo", "charge", "GET /x", BigInteger.ONE, TOKEN, "timeout"));
    metrics.onEvent(
        new PaymentEvent.ServiceFailed(NOW, PaymentEvent.Component.STORE, null, "down"));
    metrics.onEvent(
        new PaymentEvent.ServiceFailed(NOW, PaymentEvent.Component.METHOD, "tempo", "rpc"));
    metrics.onEvent(
        new PaymentEvent.HandlerFailed(NOW, "id", "tempo", "charge", "GET /x", "0xab", "HTTP 500"));

    assertThat(count(MppMetrics.REFUSED, "problem", "verification-failed")).isEqualTo(2);
    assertThat(count(MppMetrics.REFUSED, "method", "none")).isEqualTo(1);
    assertThat(count(MppMetrics.UNKNOWN, "method", "tempo")).isEqualTo(1);
    assertThat(count(MppMetrics.SERVICE_FAILURES, "component", "store")).isEqualTo(1);
    assertThat(
            registry
                .get(MppMetrics.SERVICE_FAILURES)
                .tags("component", "method", "method", "tempo")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(count(MppMetrics.HANDLER_FAILED, "method", "tempo")).isEqualTo(1);
  }

  @Test
  void resolutionsAndSubscriptionChangesWhenRecordedThenCountedAndChargesAddToTheAmount() {
    metrics.onEvent(
        new PaymentEvent.OutcomeResolved(
            NOW, "id", "tempo", "charge", "GET /x", true, "0x1", null));
    metrics.onEvent(
        new PaymentEvent.OutcomeResolved(
            NOW, "id2", "tempo", "charge", "GET /x", false, null, "expired"));
    metrics.onEvent(subscription(PaymentEvent.SubscriptionChange.ACTIVATED, "1000000"));
    metrics.onEvent(subscription(PaymentEvent.SubscriptionChange.RENEWED, "1000000"));
    metrics.onEvent(subscription(PaymentEvent.SubscriptionChange.CHARGE_FAILED, "1000000"));

    assertThat(count(MppMetrics.RESOLVED, "result", "settled")).isEqualTo(1);
    assertThat(count(MppMetrics.RESOLVED, "result", "failed")).isEqualTo(1);
    assertThat(count(MppMetrics.SUBSCRIPTIONS, "change", "renewed")).isEqualTo(1);
    assertThat(count(MppMetrics.SUBSCRIPTIONS, "change", "charge_failed")).isEqualTo(1);
    assertThat(registry.get(MppMetrics.AMOUNT).tags("currency", TOKEN).counter().count())
        .as("activation and renewal charged, the failure did not")
        .isEqualTo(2_000_000);
  }

  private static PaymentEvent.SubscriptionChanged subscription(
      PaymentEvent.SubscriptionChange change, String amount) {
    return new PaymentEvent.SubscriptionChanged(
        NOW,
        "sub-1",
        change,
        "tempo",
        "GET /x",
        1,
        new BigInteger(amount),
        TOKEN,
        "0x2",
        "did:x",
        null);
  }

  @Test
  void clientChosenValuesWhenManyThenTagValuesStayBoundedAndCarryNoIdentifiers() {
    for (int i = 0; i < 500; i++) {
      metrics.onEvent(
          new PaymentEvent.PaymentRefused(
              NOW,
              "challenge-" + i,
              "m" + Integer.toString(i, 26).replaceAll("[0-9]", "x"),
              i % 2 == 0 ? "charge" : "Intent " + i,
              "GET /x?payer=" + i,
              ProblemType.INVALID_CHALLENGE,
              Duration.ZERO));
    }

    java.util.Collection<Meter> refused = registry.find(MppMetrics.REFUSED).meters();
    assertThat(refused.size()).isLessThanOrEqualTo(17 * 17);
    assertThat(refused.stream().flatMap(m -> m.getId().getTags().stream()).map(Tag::getValue))
        .contains(BoundedTagValues.OTHER)
        .noneMatch(value -> value.startsWith("challenge-") || value.contains("payer"));
    assertThat(
            refused.stream()
                .mapToDouble(
                    m ->
                        registry
                            .get(MppMetrics.REFUSED)
                            .tags(m.getId().getTags())
                            .counter()
                            .count())
                .sum())
        .isEqualTo(500);
  }

  @Test
  void engineWhenAPaymentSettlesThenMetersMoveAndDroppedEventsAreGauged() throws Exception {
    Mpp mpp =
        Mpp.builder()
            .realm("api.test")
            .secret(Secret.of("a metrics test secret of at least 32 bytes"))
            .method(new FakePaymentMethod())
            .listener(metrics)
            .build();
    metrics.monitor(mpp);
    List<Offer> offers = List.of(Offer.charge("fake").price("0.25").build());

    Decision challenge = mpp.decide(get(null), offers);
    String credential =
        FakePaymentMethod.pay(
            ((Decision.PaymentRequired) challenge).challenges(),
            "fake",
            UUID.randomUUID().toString());
    Decision paid = mpp.decide(get(credential), offers);

    assertThat(paid).isInstanceOf(Decision.Paid.class);
    awaitCount(MppMetrics.SETTLED, 1);
    assertThat(count(MppMetrics.CHALLENGES, "method", "fake")).isEqualTo(1);
    assertThat(registry.get(MppMetrics.AMOUNT).tags("currency", "usd").counter().count())
        .isEqualTo(25);
    assertThat(registry.get(MppMetrics.DROPPED).gauge().value()).isZero();
  }

  private static PaymentExchange get(String credential) {
    Map<String, List<String>> headers =
        credential == null ? Map.of() : Map.of("authorization", List.of(credential));
    return HttpExchanges.of(
            "GET",
            "/fortune",
            null,
            name -> headers.getOrDefault(name.toLowerCase(), List.of()),
            new byte[0])
        .build();
  }

  private void awaitCount(String name, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      var counter = registry.find(name).counter();
      if (counter != null && counter.count() >= expected) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(name + " did not reach " + expected);
  }

  private double count(String name, String tag, String value) {
    return registry.find(name).tags(tag, value).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static PaymentEvent.PaymentSettled settled(String method, String amount, Duration took) {
    return new PaymentEvent.PaymentSettled(
        NOW,
        "challenge-id",
        method,
        "charge",
        "GET /fortune",
        new BigInteger(amount),
        TOKEN,
        "0xabc",
        "did:pkh:eip155:4217:0x1234",
        null,
        took);
  }

  private static PaymentEvent.PaymentRefused refused(String method, ProblemType type) {
    return new PaymentEvent.PaymentRefused(
        NOW,
        "challenge-id",
        method,
        method == null ? null : "charge",
        "GET /x",
        type,
        Duration.ZERO);
  }
}
