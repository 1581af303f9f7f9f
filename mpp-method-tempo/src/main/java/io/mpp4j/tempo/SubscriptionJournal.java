package io.mpp4j.tempo;

import io.mpp4j.chain.PayerSource;
import io.mpp4j.core.Intent;
import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.core.ledger.LedgerEntry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every charge, failure and cancellation of a subscription as a ledger entry of the engine the
 * method is attached to, and every change as a {@link PaymentEvent.SubscriptionChanged}. A charge
 * attempt is one entry, {@code subscription:<id>:<period>:<attempt>}: pending when its transaction
 * is sent, then settled or failed; a failure found before sending is recorded failed at once. A
 * cancellation is a zero-amount entry {@code subscription:<id>:cancel}. Nothing here throws.
 */
final class SubscriptionJournal {
  private static final System.Logger LOG = System.getLogger(SubscriptionJournal.class.getName());
  private static final String INTENT = Intent.SUBSCRIPTION.name();

  private final AtomicReference<PaymentServices> services = new AtomicReference<>();

  /**
   * Binds the journal to an engine.
   *
   * @throws IllegalStateException when it is bound to another engine already
   */
  void attach(PaymentServices engine) {
    if (!services.compareAndSet(null, engine) && services.get() != engine) {
      throw new IllegalStateException(
          "a TempoMethod serving subscriptions can be registered with one engine only");
    }
  }

  /** The engine's services. */
  PaymentServices engine() {
    PaymentServices engine = services.get();
    if (engine == null) {
      throw new IllegalStateException("register the TempoMethod with an Mpp engine first");
    }
    return engine;
  }

  boolean attached() {
    return services.get() != null;
  }

  void sending(SubscriptionRecord r, long period, int attempt, String hash) {
    engine().record(entry(r, period, attempt, LedgerEntry.Status.PENDING, hash, null, null));
  }

  void settled(SubscriptionRecord r, long period, int attempt, String hash, long blockTime) {
    LOG.log(
        System.Logger.Level.INFO,
        "subscription {0} period {1} charged {2} {3}: {4}",
        r.id(),
        period,
        r.amount(),
        r.currency(),
        hash);
    engine().resolve(r.entryId(period, attempt), LedgerEntry.Status.SETTLED, hash, what(period));
    publish(
        r,
        period == 0 ? SubscriptionChange.ACTIVATED : SubscriptionChange.RENEWED,
        period,
        r.amount(),
        hash,
        period == 0 ? "activated" : "renewed at " + Instant.ofEpochSecond(blockTime));
  }

  /** A charge that failed; {@code sent} when its entry was recorded pending before. */
  void failed(
      SubscriptionRecord r, long period, int attempt, String hash, String reason, boolean sent) {
    LOG.log(
        System.Logger.Level.WARNING,
        "subscription {0} period {1} not charged: {2}",
        r.id(),
        period,
        reason);
    if (sent) {
      engine()
          .resolve(
              r.entryId(period, attempt),
              LedgerEntry.Status.FAILED,
              hash,
              what(period) + ": " + reason);
    } else {
      engine().record(entry(r, period, attempt, LedgerEntry.Status.FAILED, hash, reason, now()));
    }
    publish(r, SubscriptionChange.CHARGE_FAILED, period, r.amount(), hash, reason);
  }

  void pending(SubscriptionRecord r, long period, String hash) {
    publish(
        r, SubscriptionChange.CHARGE_PENDING, period, r.amount(), hash, "sent; not confirmed yet");
  }

  void cancelled(SubscriptionRecord r, long effective) {
    String detail = "cancelled; access ends " + Instant.ofEpochSecond(effective);
    LedgerEntry entry =
        new LedgerEntry(
            "subscription:" + r.id() + ":cancel",
            now(),
            now(),
            LedgerEntry.Status.SETTLED,
            r.route(),
            TempoMethod.ID,
            INTENT,
            BigInteger.ZERO,
            r.currency(),
            did(r),
            null,
            null,
            detail);
    engine().record(entry);
    publish(r, SubscriptionChange.CANCELLED, -1, BigInteger.ZERO, null, detail);
  }

  void ended(SubscriptionRecord r, SubscriptionChange change, String detail) {
    publish(r, change, -1, BigInteger.ZERO, null, detail);
  }

  private LedgerEntry entry(
      SubscriptionRecord r,
      long period,
      int attempt,
      LedgerEntry.Status status,
      String hash,
      String detail,
      Instant resolvedAt) {
    String what = what(period);
    return new LedgerEntry(
        r.entryId(period, attempt),
        now(),
        resolvedAt,
        status,
        r.route(),
        TempoMethod.ID,
        INTENT,
        r.amount(),
        r.currency(),
        did(r),
        hash,
        null,
        detail == null ? what : what + ": " + detail);
  }

  private void publish(
      SubscriptionRecord r,
      SubscriptionChange change,
      long period,
      BigInteger amount,
      String reference,
      String detail) {
    try {
      engine()
          .publish(
              new PaymentEvent.SubscriptionChanged(
                  now(),
                  r.id(),
                  change,
                  TempoMethod.ID,
                  r.route(),
                  period,
                  amount,
                  r.currency(),
                  reference,
                  did(r),
                  detail));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "subscription event lost: {0}", e.getClass().getName());
    }
  }

  private static String what(long period) {
    return period == 0 ? "activation" : "renewal of period " + period;
  }

  private Instant now() {
    return engine().clock().instant();
  }

  private static String did(SubscriptionRecord r) {
    return PayerSource.did(r.chainId(), r.payer());
  }
}
