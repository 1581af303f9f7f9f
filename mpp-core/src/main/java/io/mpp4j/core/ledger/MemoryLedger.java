package io.mpp4j.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger in this process's memory, for development and single-instance servers: it holds the
 * newest {@code capacity} entries (100,000 by default) and forgets the oldest settled or failed
 * ones beyond that; pending entries are kept until resolved. Use {@code JdbcLedger} for an
 * operator's record.
 *
 * @since 0.2.0
 */
public final class MemoryLedger implements Ledger {
  /** Entries held by default. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final LinkedHashMap<String, LedgerEntry> entries = new LinkedHashMap<>();

  public MemoryLedger() {
    this(DEFAULT_CAPACITY);
  }

  public MemoryLedger(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean record(LedgerEntry entry) {
    if (entries.putIfAbsent(entry.challengeId(), entry) != null) {
      return false;
    }
    if (entries.size() > capacity) {
      Iterator<Map.Entry<String, LedgerEntry>> oldest = entries.entrySet().iterator();
      while (entries.size() > capacity && oldest.hasNext()) {
        if (oldest.next().getValue().status() != LedgerEntry.Status.PENDING) {
          oldest.remove();
        }
      }
    }
    return true;
  }

  @Override
  public synchronized boolean resolve(
      String challengeId, LedgerEntry.Status status, String reference, Instant at, String detail) {
    LedgerEntry entry = entries.get(challengeId);
    if (entry == null || entry.status() != LedgerEntry.Status.PENDING) {
      return false;
    }
    entries.put(challengeId, entry.resolved(status, reference, at, detail));
    return true;
  }

  @Override
  public synchronized List<LedgerEntry> query(LedgerQuery query) {
    List<LedgerEntry> result = new ArrayList<>();
    for (LedgerEntry entry : entries.values()) {
      if (query.matches(entry)) {
        result.add(entry);
        if (result.size() >= query.limit()) {
          break;
        }
      }
    }
    result.sort(java.util.Comparator.comparing(LedgerEntry::createdAt));
    return result;
  }

  @Override
  public synchronized List<LedgerEntry> pending(Instant before, int limit) {
    List<LedgerEntry> result = new ArrayList<>();
    for (LedgerEntry entry : entries.values()) {
      if (entry.status() == LedgerEntry.Status.PENDING && entry.createdAt().isBefore(before)) {
        result.add(entry);
        if (result.size() >= limit) {
          break;
        }
      }
    }
    return result;
  }
}
