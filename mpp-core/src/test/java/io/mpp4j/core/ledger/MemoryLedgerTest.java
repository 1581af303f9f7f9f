package io.mpp4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryLedgerTest extends LedgerContract {

  @Override
  protected Ledger ledger() {
    return new MemoryLedger();
  }

  @Test
  void recordWhenOverCapacityThenOldestFinalEntriesGoAndPendingOnesStay() {
    MemoryLedger ledger = new MemoryLedger(2);
    ledger.record(entry("pending", T0, LedgerEntry.Status.PENDING, null, "GET /a"));
    ledger.record(entry("old", T0.plusSeconds(1), LedgerEntry.Status.SETTLED, null, "GET /a"));
    ledger.record(entry("new", T0.plusSeconds(2), LedgerEntry.Status.SETTLED, null, "GET /a"));

    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(10)).build()))
        .extracting(LedgerEntry::challengeId)
        .containsExactly("pending", "new");
  }
}
