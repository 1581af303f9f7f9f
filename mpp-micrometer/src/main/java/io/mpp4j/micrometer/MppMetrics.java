package io.mpp4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.event.PaymentListener;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * Micrometer meters from the engine's {@link PaymentEvent}s (draft-httpauth-payment-00 §5 flow):
 * challenges issued, payments settled and the amounts settled (subscription charges and session
 * settle/close transactions included), refusals by problem type, unknown outcomes and how they were
 * resolved, subscription changes, store and payment-network failures, handler failures after a
 * charge, and the time spent verifying and settling. Register it as a listener; it needs no
 * framework.
 *
 * <pre>{@code
 * MppMetrics metrics = new MppMetrics(registry);
 * Mpp mpp = Mpp.builder()...listener(metrics).build();
 * metrics.monitor(mpp);   // optional: the gauge of dropped events
 * }</pre>
 *
 * <p>Tags are {@code method}, {@code intent}, {@code currency}, {@code problem} and {@code
 * component}, never an identifier of a payer, a challenge, a transaction or a request. Values a
 * client could choose (the method and intent a refused credential echoes) are admitted only in the
 * expected shape and up to a small number of distinct values, after which they count as {@code
 * other}, so the number of time series stays bounded.
 *
 * @since 0.2.0
 */
public final class MppMetrics implements PaymentListener {
  static final String CHALLENGES = "mpp.challenges.issued";
  static final String SETTLED = "mpp.payments.settled";
  static final String AMOUNT = "mpp.payments.amount";
  static final String REFUSED = "mpp.payments.refused";
  static final String UNKNOWN = "mpp.payments.outcome.unknown";
  static final String RESOLVED = "mpp.payments.outcome.resolved";
  static final String SUBSCRIPTIONS = "mpp.subscriptions.changes";
  static final String HANDLER_FAILED = "mpp.payments.handler.failed";
  static final String SERVICE_FAILURES = "mpp.service.failures";
  static final String VERIFICATION = "mpp.payments.verification";
  static final String DROPPED = "mpp.events.dropped";

  private final MeterRegistry registry;
  private final Tags common;
  private final BoundedTagValues methods = new BoundedTagValues("[a-z]{1,32}", 16);
  private final BoundedTagValues intents = new BoundedTagValues("[a-z][a-z_-]{0,31}", 16);
  private final BoundedTagValues currencies = new BoundedTagValues("[A-Za-z0-9]{1,64}", 32);

  /** Meters in {@code registry}, without extra tags. */
  public MppMetrics(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /** Meters in {@code registry}, each with {@code commonTags} added. */
  public MppMetrics(MeterRegistry registry, Iterable<Tag> commonTags) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
  }

  /** Adds the gauge {@value #DROPPED}: events the engine dropped because listeners fell behind. */
  public void monitor(Mpp mpp) {
    Gauge.builder(DROPPED, mpp, Mpp::droppedEvents)
        .tags(common)
        .description("payment events dropped because listeners fell behind")
        .strongReference(false)
        .register(registry);
  }

  @Override
  public void onEvent(PaymentEvent event) {
    if (event instanceof PaymentEvent.ChallengeIssued e) {
      count(CHALLENGES, methodAndIntent(e.method(), e.intent()));
    } else if (event instanceof PaymentEvent.PaymentSettled e) {
      Tags tags = methodAndIntent(e.method(), e.intent());
      addAmount(e.method(), e.currency(), e.amount());
      Timer.builder(VERIFICATION)
          .description("time spent verifying and settling a payment")
          .tags(common)
          .tags(tags)
          .register(registry)
          .record(e.elapsed());
      count(SETTLED, tags);
    } else if (event instanceof PaymentEvent.PaymentRefused e) {
      count(REFUSED, methodAndIntent(e.method(), e.intent()).and("problem", e.type().slug()));
    } else if (event instanceof PaymentEvent.OutcomeUnknown e) {
      count(UNKNOWN, methodAndIntent(e.method(), e.intent()));
    } else if (event instanceof PaymentEvent.ServiceFailed e) {
      count(
          SERVICE_FAILURES,
          Tags.of(
              "component",
              e.component().name().toLowerCase(Locale.ROOT),
              "method",
              methods.of(e.method())));
    } else if (event instanceof PaymentEvent.HandlerFailed e) {
      count(HANDLER_FAILED, methodAndIntent(e.method(), e.intent()));
    } else if (event instanceof PaymentEvent.OutcomeResolved e) {
      count(
          RESOLVED,
          methodAndIntent(e.method(), e.intent())
              .and("result", e.settled() ? "settled" : "failed"));
    } else if (event instanceof PaymentEvent.SubscriptionChanged e) {
      subscription(e);
    }
  }

  private void subscription(PaymentEvent.SubscriptionChanged e) {
    count(
        SUBSCRIPTIONS,
        Tags.of(
            "method",
            methods.of(e.method()),
            "change",
            e.change().name().toLowerCase(Locale.ROOT)));
    boolean charged =
        e.change() == PaymentEvent.SubscriptionChange.ACTIVATED
            || e.change() == PaymentEvent.SubscriptionChange.RENEWED;
    if (charged && e.amount() != null) {
      addAmount(e.method(), e.currency(), e.amount());
    }
  }

  private void addAmount(String method, String currency, BigInteger amount) {
    Counter.builder(AMOUNT)
        .description("amount settled, in base units of the currency")
        .baseUnit("base_units")
        .tags(common)
        .tags(Tags.of("method", methods.of(method), "currency", currency(currency)))
        .register(registry)
        .increment(amount.doubleValue());
  }

  private Tags methodAndIntent(String method, String intent) {
    return Tags.of("method", methods.of(method), "intent", intents.of(intent));
  }

  private String currency(String currency) {
    return currencies.of(currency == null ? null : currency.toLowerCase(Locale.ROOT));
  }

  private void count(String name, Tags tags) {
    Counter.builder(name).tags(common).tags(tags).register(registry).increment();
  }
}
