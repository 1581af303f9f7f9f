package io.mpp4j.core.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The record of every payment the engine settled, could not resolve yet, or saw fail after it
 * reached the network: one entry per payment, written by every instance (draft-httpauth-payment-00
 * §5.3 receipts are the client's record; this is the operator's). Entries are never deleted; a
 * {@link LedgerEntry.Status#PENDING} entry is resolved once, to {@code SETTLED} or {@code FAILED}.
 *
 * <p>Implementations are thread-safe and shared by every instance of a server ({@code JdbcLedger}
 * in {@code mpp-store-jdbc}); {@link MemoryLedger} is for one instance in development. They throw
 * {@link LedgerUnavailableException} when the backing service fails.
 *
 * @since 0.2.0
 */
public interface Ledger {

  /**
   * Records a payment once: a second record with the same challenge id changes nothing.
   *
   * @return whether this call created the entry
   */
  boolean record(LedgerEntry entry);

  /**
   * Resolves a pending payment; an entry that is not pending is left as it is.
   *
   * @param reference the method's reference, when it is known now; null keeps the recorded one
   * @return whether this call resolved it
   */
  boolean resolve(
      String challengeId, LedgerEntry.Status status, String reference, Instant at, String detail);

  /** The entries the query selects, oldest first. */
  List<LedgerEntry> query(LedgerQuery query);

  /** Pending entries created before {@code before}, oldest first, at most {@code limit}. */
  List<LedgerEntry> pending(Instant before, int limit);
}
