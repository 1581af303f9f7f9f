package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes to the ledger without ever failing a payment: a ledger that cannot be written is logged
 * and published as {@link PaymentEvent.ServiceFailed} with {@link PaymentEvent.Component#LEDGER}.
 */
final class Ledgers {
  private static final System.Logger LOG = System.getLogger(Ledgers.class.getName());

  private Ledgers() {}

  static void record(Ledger ledger, Consumer<PaymentEvent> events, Clock clock, LedgerEntry entry) {
    try {
      ledger.record(entry);
    } catch (RuntimeException e) {
      failed(events, clock, entry.challengeId(), e);
    }
  }

  static void resolve(
      Ledger ledger,
      Consumer<PaymentEvent> events,
      Clock clock,
      String challengeId,
      LedgerEntry.Status status,
      String reference,
      String detail) {
    try {
      ledger.resolve(challengeId, status, reference, clock.instant(), detail);
    } catch (RuntimeException e) {
      failed(events, clock, challengeId, e);
    }
  }

  private static void failed(
      Consumer<PaymentEvent> events, Clock clock, String challengeId, RuntimeException e) {
    LOG.log(
        System.Logger.Level.ERROR,
        "payment ledger could not record challenge {0}: {1}",
        challengeId,
        e.getClass().getName());
    events.accept(
        new PaymentEvent.ServiceFailed(
            clock.instant(), PaymentEvent.Component.LEDGER, null, "payment ledger unavailable"));
  }
}
