package io.mpp4j.core.ledger;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The comparison of the ledger with what the payment network shows for a time range: every payment
 * the two do not agree on. An empty list of differences means they agree.
 *
 * @param from start of the range (inclusive)
 * @param to end of the range (exclusive)
 * @param ledgerTotal the sum of the settled ledger entries compared, in base units
 * @param networkTotal the sum the network shows the payee received, in base units
 * @param differences every disagreement
 * @since 0.2.0
 */
public record ReconciliationReport(
    Instant from,
    Instant to,
    BigInteger ledgerTotal,
    BigInteger networkTotal,
    List<Difference> differences) {

  public ReconciliationReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(ledgerTotal, "ledgerTotal");
    Objects.requireNonNull(networkTotal, "networkTotal");
    differences = List.copyOf(differences);
  }

  /** What kind of disagreement. */
  public enum Kind {
    /** Settled in the ledger; the network shows no such payment to the payee. */
    MISSING_ON_NETWORK,
    /** The network shows a payment to the payee that the ledger does not hold. */
    MISSING_IN_LEDGER,
    /** Both hold it, for different amounts. */
    AMOUNT_DIFFERS,
    /** The ledger says pending or failed; the network shows it paid. */
    STATUS_DIFFERS
  }

  /**
   * One disagreement.
   *
   * @param kind what kind
   * @param reference the network's reference (e.g. a transaction hash)
   * @param challengeId the ledger entry's challenge id, or null when the ledger has none
   * @param ledgerAmount what the ledger says was paid to the payee, or null
   * @param networkAmount what the network shows, or null
   */
  public record Difference(
      Kind kind,
      String reference,
      String challengeId,
      BigInteger ledgerAmount,
      BigInteger networkAmount) {
    public Difference {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Whether the ledger and the network agree on every payment in the range. */
  public boolean balanced() {
    return differences.isEmpty();
  }
}
