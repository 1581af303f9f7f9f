package io.mpp4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} guarantees: one entry per payment however often and from how many
 * threads it is recorded, pending entries resolved once, and queries by time, payer, route, method
 * and status. Implementations extend it with their own ledger (see MemoryLedgerTest, and
 * JdbcLedgerTest against PostgreSQL).
 */
public abstract class LedgerContract {
  protected static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  /** A fresh, empty ledger (a new table or namespace per call). */
  protected abstract Ledger ledger();

  protected static LedgerEntry entry(
      String id, Instant at, LedgerEntry.Status status, String payer, String route) {
    return new LedgerEntry(
        id,
        at,
        status == LedgerEntry.Status.PENDING ? null : at,
        status,
        route,
        "tempo",
        "charge",
        BigInteger.valueOf(10_000),
        "0x20c0000000000000000000000000000000000000",
        payer,
        status == LedgerEntry.Status.PENDING ? null : "0x" + "ab".repeat(32),
        null,
        null);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  @Test
  void recordWhenSamePaymentRecordedAgainThenOneEntryUnchanged() {
    Ledger ledger = ledger();
    String id = id();
    assertThat(ledger.record(entry(id, T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a")))
        .isTrue();

    boolean again =
        ledger.record(entry(id, T0.plusSeconds(5), LedgerEntry.Status.FAILED, "x", "y"));

    assertThat(again).isFalse();
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(60)).build()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.payer()).isEqualTo("did:a");
              assertThat(e.amount()).isEqualTo(10_000);
            });
  }

  @Test
  void recordWhenSixteenThreadsRecordOnePaymentThenExactlyOneWins() throws Exception {
    Ledger ledger = ledger();
    String id = id();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<Boolean> task =
            () -> ledger.record(entry(id, T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a"));
        results.add(pool.submit(task));
      }
      int created = 0;
      for (Future<Boolean> result : results) {
        created += result.get() ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(1)).build())).hasSize(1);
  }

  @Test
  void resolveWhenPendingThenOnceAndFinalEntriesNeverChange() {
    Ledger ledger = ledger();
    String pending = id();
    String settled = id();
    ledger.record(entry(pending, T0, LedgerEntry.Status.PENDING, "did:a", "GET /a"));
    ledger.record(entry(settled, T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a"));

    boolean first =
        ledger.resolve(pending, LedgerEntry.Status.SETTLED, "0xfeed", T0.plusSeconds(30), null);
    boolean second =
        ledger.resolve(pending, LedgerEntry.Status.FAILED, null, T0.plusSeconds(40), "late");
    boolean finalOne =
        ledger.resolve(settled, LedgerEntry.Status.FAILED, null, T0.plusSeconds(40), "no");

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(finalOne).isFalse();
    List<LedgerEntry> entries = ledger.query(LedgerQuery.between(T0, T0.plusSeconds(1)).build());
    assertThat(entries)
        .filteredOn(e -> e.challengeId().equals(pending))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.reference()).isEqualTo("0xfeed");
              assertThat(e.resolvedAt()).isEqualTo(T0.plusSeconds(30));
            });
    assertThat(entries)
        .filteredOn(e -> e.challengeId().equals(settled))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED));
  }

  @Test
  void queryWhenFilteredThenByTimePayerRouteMethodAndStatusOldestFirst() {
    Ledger ledger = ledger();
    String a = id();
    String b = id();
    String c = id();
    ledger.record(entry(b, T0.plusSeconds(20), LedgerEntry.Status.SETTLED, "did:b", "GET /b"));
    ledger.record(entry(a, T0.plusSeconds(10), LedgerEntry.Status.SETTLED, "did:a", "GET /a"));
    ledger.record(entry(c, T0.plusSeconds(30), LedgerEntry.Status.PENDING, "did:a", "GET /b"));

    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(60)).build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(a, b, c);
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(25)).build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(a, b);
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(60)).payer("did:a").build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(a, c);
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(60)).route("GET /b").build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(b, c);
    assertThat(
            ledger.query(
                LedgerQuery.between(T0, T0.plusSeconds(60))
                    .status(LedgerEntry.Status.PENDING)
                    .method("tempo")
                    .build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(c);
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(60)).limit(2).build()))
        .hasSize(2);
    assertThat(ledger.pending(T0.plusSeconds(31), 10))
        .extracting(LedgerEntry::challengeId)
        .containsExactly(c);
    assertThat(ledger.pending(T0.plusSeconds(30), 10)).isEmpty();
  }
}
