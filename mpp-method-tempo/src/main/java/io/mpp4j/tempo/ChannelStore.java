package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Channel states in the engine's {@link Store}, changed only by versioned compare-and-set so that
 * every instance sharing the store sees one linearizable history per channel
 * (draft-tempo-session-00 §"Accounting State": updates linearizable per channel). Keeps the live
 * channels in a durable {@link StoreIndex} ({@value #BUCKETS} buckets of at most {@value
 * #BUCKET_CAPACITY}) for the close watcher and the time policies, so that every instance, and every
 * instance after a restart, watches every live channel (§"Settlement": inactive channels): a
 * channel joins it before its first write through this instance and leaves it once finalized. Wakes
 * streams paused on a channel when a voucher for it is accepted here.
 */
final class ChannelStore {
  static final String PREFIX = "tempo:session:";
  private static final int MAX_ATTEMPTS = 64;
  static final int BUCKETS = 64;
  static final int BUCKET_CAPACITY = 1024;

  private final Duration ttl;
  private final StoreIndex index;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Object> monitors = new ConcurrentHashMap<>();

  ChannelStore(Duration ttl) {
    this(ttl, new StoreIndex("tempo:session-index:", BUCKETS, BUCKET_CAPACITY));
  }

  ChannelStore(Duration ttl, StoreIndex index) {
    this.ttl = ttl;
    this.index = index;
  }

  /** A stored state and its version. */
  record Versioned(ChannelState state, long version) {}

  static String key(String channelId) {
    return PREFIX + channelId;
  }

  Optional<Versioned> get(Store store, String channelId) {
    Optional<StoreRecord> record;
    try {
      record = store.get(key(channelId));
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
    return record.map(r -> new Versioned(ChannelState.decode(r.value()), r.version()));
  }

  /** Writes {@code next} over {@code expected} (null: the channel is new); false on a race. */
  boolean replace(Store store, Versioned expected, ChannelState next) {
    String channelId = next.channelId();
    boolean written;
    try {
      if (!next.finalized() && !indexed.contains(channelId)) {
        if (!index.add(store, channelId)) {
          throw new PaymentExceptions.ServiceUnavailable(
              "This server watches as many channels as it can; retry later.", null);
        }
        indexed.add(channelId);
      }
      written =
          store.compareAndSet(
              key(channelId), expected == null ? 0 : expected.version(), next.encode(), ttl);
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
    if (written && next.finalized()) {
      unindex(store, channelId);
    }
    return written;
  }

  /** The channel ids in index bucket {@code bucket} ({@code 0 <= bucket < BUCKETS}). */
  List<String> indexed(Store store, int bucket) {
    try {
      return index.bucket(store, bucket);
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
  }

  /**
   * Drops a channel from the index (finalized, or its state gone); a store outage leaves it for the
   * watcher's next visit.
   */
  void unindex(Store store, String channelId) {
    forget(channelId);
    try {
      index.remove(store, channelId);
    } catch (StoreUnavailableException | PaymentExceptions.ServiceUnavailable e) {
      // the watcher drops it on a later round
    }
  }

  /**
   * Applies {@code change} to the current state until a compare-and-set wins, and returns the new
   * state; {@code change} may throw to refuse, and returns its argument to write nothing.
   */
  ChannelState update(Store store, String channelId, UnaryOperator<ChannelState> change) {
    return update(store, channelId, null, change);
  }

  /** Like {@link #update(Store, String, UnaryOperator)}, trying {@code known} first when given. */
  ChannelState update(
      Store store, String channelId, Versioned known, UnaryOperator<ChannelState> change) {
    Versioned current = known;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (current == null) {
        current =
            get(store, channelId)
                .orElseThrow(() -> new IllegalStateException("channel state vanished"));
      }
      ChannelState next = change.apply(current.state());
      if (next == current.state() || replace(store, current, next)) {
        return next;
      }
      current = null;
      Thread.onSpinWait();
    }
    throw new PaymentExceptions.ServiceUnavailable("The channel is too busy; retry shortly.", null);
  }

  private void forget(String channelId) {
    indexed.remove(channelId);
    monitors.remove(channelId);
  }

  /** Wakes the streams of this instance waiting on {@code channelId}. */
  void signal(String channelId) {
    Object monitor = monitors.get(channelId);
    if (monitor != null) {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    }
  }

  /** Waits at most {@code millis} for a {@link #signal} on {@code channelId}. */
  void await(String channelId, long millis) throws InterruptedException {
    Object monitor = monitors.computeIfAbsent(channelId, id -> new Object());
    synchronized (monitor) {
      monitor.wait(Math.max(1, millis));
    }
  }

  private static PaymentExceptions.ServiceUnavailable storeDown(StoreUnavailableException e) {
    return new PaymentExceptions.ServiceUnavailable(
        "Payment store is unavailable; retry later.", e);
  }
}
