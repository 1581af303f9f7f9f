package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Subscriptions in the engine's {@link io.mpp4j.core.store.Store}, shared by every instance: each
 * record under {@code tempo:subscription:<id>}, changed by compare-and-set only; the subscription a
 * payer holds on a plan under {@code tempo:subscription:payer:<plan>:<payer>}; a challenge's single
 * use under {@code tempo:subscription:challenge:<id>} (its value names the subscription it
 * activated); and the ids the renewal job visits, spread over {@value #BUCKETS} index records.
 * Store outages surface as {@link PaymentExceptions.ServiceUnavailable}.
 */
final class SubscriptionStore {
  static final int BUCKETS = 32;
  private static final String PREFIX = "tempo:subscription:";
  private static final StoreIndex INDEX =
      new StoreIndex(PREFIX + "index:", BUCKETS, Integer.MAX_VALUE);

  private final Store store;

  SubscriptionStore(Store store) {
    this.store = store;
  }

  /** A record and the version it was read at. */
  record Versioned(SubscriptionRecord record, long version) {}

  Optional<Versioned> get(String id) {
    return read(PREFIX + id)
        .map(r -> new Versioned(SubscriptionRecord.fromBytes(r.value()), r.version()));
  }

  /** Writes a new record; false when the id is taken. */
  boolean create(SubscriptionRecord record) {
    return cas(PREFIX + record.id(), 0, record.toBytes(), ttl(record));
  }

  /** Replaces the record read at {@code old}; false when another writer got there first. */
  boolean replace(Versioned old, SubscriptionRecord next) {
    return cas(PREFIX + next.id(), old.version(), next.toBytes(), ttl(next));
  }

  /**
   * Applies {@code change} to the latest record until it sticks; returns the record before and
   * after, or empty when there is no record. {@code change} may return its argument unchanged.
   */
  Optional<Versioned[]> update(String id, UnaryOperator<SubscriptionRecord> change) {
    while (true) {
      Optional<Versioned> current = get(id);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      SubscriptionRecord next = change.apply(current.get().record());
      if (next == current.get().record()) {
        return Optional.of(new Versioned[] {current.get(), current.get()});
      }
      if (replace(current.get(), next)) {
        return Optional.of(
            new Versioned[] {current.get(), new Versioned(next, current.get().version() + 1)});
      }
    }
  }

  void delete(String id) {
    try {
      store.delete(PREFIX + id);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  /** The id of the subscription {@code payer} holds on {@code plan}, with the pointer's version. */
  Optional<StoreRecord> holder(String plan, String payer) {
    return read(PREFIX + "payer:" + plan + ":" + payer);
  }

  /** Points {@code payer}'s subscription on {@code plan} at {@code id}, if unchanged since read. */
  boolean hold(String plan, String payer, long expectedVersion, SubscriptionRecord record) {
    return cas(
        PREFIX + "payer:" + plan + ":" + payer,
        expectedVersion,
        record.id().getBytes(StandardCharsets.UTF_8),
        ttl(record));
  }

  /**
   * Claims a challenge for one credential, remembering {@code id} as the subscription it may
   * activate; false when it was claimed before.
   */
  boolean claimChallenge(String challengeId, String id, Duration ttl) {
    return cas(PREFIX + "challenge:" + challengeId, 0, id.getBytes(StandardCharsets.UTF_8), ttl);
  }

  /** The subscription a claimed challenge may have activated. */
  Optional<String> claimedBy(String challengeId) {
    return read(PREFIX + "challenge:" + challengeId)
        .map(r -> new String(r.value(), StandardCharsets.UTF_8));
  }

  void releaseChallenge(String challengeId) {
    try {
      store.delete(PREFIX + "challenge:" + challengeId);
    } catch (StoreUnavailableException e) {
      // the claim expires with the challenge
    }
  }

  /** Adds {@code id} to the renewal job's index. */
  void index(String id) {
    try {
      INDEX.add(store, id);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  /** Removes {@code id} from the renewal job's index. */
  void unindex(String id) {
    try {
      INDEX.remove(store, id);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  /** The ids in index bucket {@code bucket}. */
  List<String> indexed(int bucket) {
    try {
      return INDEX.bucket(store, bucket);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  /** Kept a week after the subscription ends, for retries and audits. */
  private static Duration ttl(SubscriptionRecord record) {
    long now = java.time.Instant.now().getEpochSecond();
    return Duration.ofSeconds(Math.max(0, record.expires() - now)).plusDays(7);
  }

  private Optional<StoreRecord> read(String key) {
    try {
      return store.get(key);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  private boolean cas(String key, long version, byte[] value, Duration ttl) {
    try {
      return store.compareAndSet(key, version, value, ttl);
    } catch (StoreUnavailableException e) {
      throw unavailable(e);
    }
  }

  static List<String> all(SubscriptionStore store) {
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      ids.addAll(store.indexed(b));
    }
    return ids;
  }

  private static PaymentExceptions.ServiceUnavailable unavailable(StoreUnavailableException e) {
    return new PaymentExceptions.ServiceUnavailable(
        "Subscription store is unavailable; retry later.", e);
  }
}
