package io.mpp4j.tempo;

import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.store.Store;

/**
 * What the parts of a method's subscription support share: its settings and keys, the chain, the
 * charger, the journal, and (once the method is attached to an engine) the store and realm.
 */
final class SubscriptionContext {
  final TempoSubscriptionSettings settings;
  final SubscriptionKeys keys;
  final SubscriptionChain chain;
  final SubscriptionCharger charger;
  final SubscriptionJournal journal = new SubscriptionJournal();
  private final Store storeOverride;
  private volatile SubscriptionStore store;

  SubscriptionContext(
      TempoSubscriptionSettings settings,
      SubscriptionChain chain,
      SubscriptionCharger charger,
      Store storeOverride) {
    this.settings = settings;
    this.keys = new SubscriptionKeys(settings.accessKeySecret());
    this.chain = chain;
    this.charger = charger;
    this.storeOverride = storeOverride;
  }

  void attach(PaymentServices services) {
    journal.attach(services);
    store = new SubscriptionStore(storeOverride != null ? storeOverride : services.store());
  }

  SubscriptionStore store() {
    SubscriptionStore current = store;
    if (current == null) {
      throw new IllegalStateException("register the TempoMethod with an Mpp engine first");
    }
    return current;
  }

  String realm() {
    return journal.engine().realm();
  }

  /** The memo of charge {@code attempt} for {@code period}: bound to the challenge at first. */
  String memo(SubscriptionRecord record, long period, int attempt) {
    if (!record.memo()) {
      return null;
    }
    String reference = period == 0 ? record.challengeId() : record.entryId(period, attempt);
    return Attribution.encode(realm(), null, reference);
  }
}
