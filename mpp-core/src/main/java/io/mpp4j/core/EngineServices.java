package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.store.Store;
import java.time.Clock;

/** What an engine lends its methods (see {@link PaymentMethod#attach}). */
record EngineServices(Mpp mpp) implements PaymentServices {
  @Override
  public String realm() {
    return mpp.realm();
  }

  @Override
  public Store store() {
    return mpp.store();
  }

  @Override
  public Ledger ledger() {
    return mpp.ledger();
  }

  @Override
  public Clock clock() {
    return mpp.clock();
  }

  @Override
  public void publish(PaymentEvent event) {
    mpp.publish(event);
  }

  @Override
  public void record(LedgerEntry entry) {
    Ledgers.record(mpp.ledger(), mpp::publish, mpp.clock(), entry);
  }

  @Override
  public void resolve(String entryId, LedgerEntry.Status status, String reference, String detail) {
    Ledgers.resolve(mpp.ledger(), mpp::publish, mpp.clock(), entryId, status, reference, detail);
  }
}
