package io.mpp4j.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded in-process {@link Store} for one instance (the embedded default). Entries expire by
 * their TTL. When full of live entries it refuses new ones with {@link StoreUnavailableException}
 * rather than evicting a live claim, which would reopen a replay. Use a shared store when the
 * server runs on more than one instance.
 */
public final class MemoryStore implements Store {
  /** Default number of live entries held. */
  public static final int DEFAULT_CAPACITY = 1_000_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean purging = new AtomicBoolean();
  private final int capacity;
  private final Clock clock;

  private record Entry(byte[] value, long version, long expiresAtMillis) {
    boolean expired(long now) {
      return now >= expiresAtMillis;
    }
  }

  public MemoryStore() {
    this(DEFAULT_CAPACITY, Clock.systemUTC());
  }

  public MemoryStore(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    return compareAndSet(key, 0, new byte[0], ttl);
  }

  @Override
  public void release(String key) {
    delete(key);
  }

  @Override
  public Optional<StoreRecord> get(String key) {
    Entry entry = entries.get(key);
    if (entry == null || entry.expired(clock.millis())) {
      return Optional.empty();
    }
    return Optional.of(new StoreRecord(entry.value, entry.version));
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    long now = clock.millis();
    long expiresAt = now + requirePositive(ttl).toMillis();
    byte[] copy = value.clone();
    boolean[] written = new boolean[1];
    boolean[] added = new boolean[1];
    if (expectedVersion == 0) {
      Entry existing = entries.get(key);
      if (existing != null && !existing.expired(now)) {
        return false;
      }
      reserveSlot(now);
    }
    entries.compute(
        key,
        (k, current) -> {
          long currentVersion = current == null || current.expired(now) ? 0 : current.version;
          if (currentVersion != expectedVersion) {
            return current;
          }
          written[0] = true;
          added[0] = current == null;
          return new Entry(copy, expectedVersion + 1, expiresAt);
        });
    if (expectedVersion == 0 && !added[0]) {
      size.decrementAndGet();
    }
    return written[0];
  }

  @Override
  public void delete(String key) {
    if (entries.remove(key) != null) {
      size.decrementAndGet();
    }
  }

  /** Live and not yet purged entries. */
  public int size() {
    return size.get();
  }

  private void reserveSlot(long now) {
    if (size.incrementAndGet() <= capacity) {
      return;
    }
    purgeExpired(now);
    if (size.get() > capacity) {
      size.decrementAndGet();
      throw new StoreUnavailableException("memory store is full");
    }
  }

  private void purgeExpired(long now) {
    if (!purging.compareAndSet(false, true)) {
      return;
    }
    try {
      entries.forEach(
          (key, entry) -> {
            if (entry.expired(now) && entries.remove(key, entry)) {
              size.decrementAndGet();
            }
          });
    } finally {
      purging.set(false);
    }
  }

  private static Duration requirePositive(Duration ttl) {
    if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return ttl;
  }
}
