package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.store.Store;
import java.time.Clock;

/**
 * What an engine lends its payment methods for work outside a request (see {@link
 * PaymentMethod#attach}): its realm, store, ledger, clock and event queue. A method that charges on
 * its own schedule (a subscription's renewals, draft-payment-intent-subscription-00 §"Renewal")
 * records each charge in the ledger and publishes an event, as the engine does for the payments it
 * settles itself.
 *
 * @since 0.2.0
 */
public interface PaymentServices {

  /** The engine's realm. */
  String realm();

  /** The engine's store. */
  Store store();

  /** The engine's payment ledger. */
  Ledger ledger();

  /** The engine's clock. */
  Clock clock();

  /**
   * Offers an event to the engine's listeners (off the caller's thread; dropped and counted when
   * they fall behind). Events carry identifiers and amounts, never secrets or credentials.
   */
  void publish(PaymentEvent event);

  /**
   * Records {@code entry} in the ledger without ever throwing: a ledger that cannot be written is
   * logged and published as {@link PaymentEvent.ServiceFailed}.
   */
  void record(LedgerEntry entry);

  /** Resolves a pending ledger entry without ever throwing (see {@link #record}). */
  void resolve(String entryId, LedgerEntry.Status status, String reference, String detail);
}
