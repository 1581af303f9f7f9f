package io.mpp4j.core.ledger;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An operator's view of a time range of the ledger: settled totals per route, method and currency,
 * the payments still pending, and the latest failures.
 *
 * @param from start of the range (inclusive)
 * @param to end of the range (exclusive)
 * @param totals settled totals, one row per route, method and currency
 * @param pending payments whose outcome is not known yet
 * @param failures the newest failed payments, at most 50
 * @since 0.2.0
 */
public record LedgerSummary(
    Instant from,
    Instant to,
    List<Total> totals,
    List<LedgerEntry> pending,
    List<LedgerEntry> failures) {

  /** Failed payments shown at most. */
  public static final int MAX_FAILURES = 50;

  public LedgerSummary {
    totals = List.copyOf(totals);
    pending = List.copyOf(pending);
    failures = List.copyOf(failures);
  }

  /** Settled payments of one route, method and currency. */
  public record Total(
      String route, String method, String currency, long payments, BigInteger amount) {}

  /** Summarises {@code [from, to)} of {@code ledger}. */
  public static LedgerSummary of(Ledger ledger, Instant from, Instant to) {
    Objects.requireNonNull(ledger, "ledger");
    List<LedgerEntry> entries =
        ledger.query(LedgerQuery.between(from, to).limit(1_000_000).build());
    Map<List<String>, long[]> counts =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    Map<List<String>, BigInteger> sums =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    List<LedgerEntry> pending = new ArrayList<>();
    List<LedgerEntry> failures = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      switch (entry.status()) {
        case SETTLED -> {
          List<String> key = List.of(entry.route(), entry.method(), entry.currency());
          counts.computeIfAbsent(key, k -> new long[1])[0]++;
          sums.merge(key, entry.amount(), BigInteger::add);
        }
        case PENDING -> pending.add(entry);
        case FAILED -> failures.add(entry);
      }
    }
    List<Total> totals = new ArrayList<>();
    sums.forEach(
        (key, sum) ->
            totals.add(new Total(key.get(0), key.get(1), key.get(2), counts.get(key)[0], sum)));
    List<LedgerEntry> newestFailures =
        failures.subList(Math.max(0, failures.size() - MAX_FAILURES), failures.size());
    return new LedgerSummary(from, to, totals, pending, new ArrayList<>(newestFailures));
  }
}
