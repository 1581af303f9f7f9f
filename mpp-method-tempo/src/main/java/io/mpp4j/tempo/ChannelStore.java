package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Channel states in the engine's {@link Store}, changed only by versioned compare-and-set so that
 * every instance sharing the store sees one linearizable history per channel
 * (draft-tempo-session-00 §"Accounting State": updates linearizable per channel). Remembers the
 * channels this instance touched, for the close watcher, and wakes streams paused on a channel when
 * a voucher for it is accepted here.
 */
final class ChannelStore {
  static final String PREFIX = "tempo:session:";
  private static final int MAX_ATTEMPTS = 64;

  private final Duration ttl;
  private final Set<String> touched = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Object> monitors = new ConcurrentHashMap<>();

  ChannelStore(Duration ttl) {
    this.ttl = ttl;
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
    boolean written;
    try {
      written =
          store.compareAndSet(
              key(next.channelId()), expected == null ? 0 : expected.version(), next.encode(), ttl);
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
    if (written) {
      touched.add(next.channelId());
    }
    return written;
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

  /** The channels this instance wrote. */
  Set<String> touched() {
    return touched;
  }

  void forget(String channelId) {
    touched.remove(channelId);
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
