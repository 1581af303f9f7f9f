package io.mpp4j.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded in-process {@link Store} for one instance (the embedded default). Entries expire by
 * their TTL. It holds at most a number of entries and a number of bytes (keys and values, so that
 * kept responses cannot fill the heap); when full of live entries it refuses new writes with {@link
 * StoreUnavailableException} rather than evicting a live claim, which would reopen a replay. Use a
 * shared store when the server runs on more than one instance.
 *
 * @since 0.1.0
 */
public final class MemoryStore implements Store {
  /** Default number of live entries held. */
  public static final int DEFAULT_CAPACITY = 1_000_000;

  /** Default number of key and value bytes held: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** Bytes counted per entry besides its key and value. */
  private static final int ENTRY_OVERHEAD = 64;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean purging = new AtomicBoolean();
  private final int capacity;
  private final long maxBytes;
  private final Clock clock;

  private record Entry(byte[] value, long version, long expiresAtMillis, int weight) {
    boolean expired(long now) {
      return now >= expiresAtMillis;
    }
  }

  public MemoryStore() {
    this(DEFAULT_CAPACITY, DEFAULT_MAX_BYTES, Clock.systemUTC());
  }

  public MemoryStore(int capacity, Clock clock) {
    this(capacity, DEFAULT_MAX_BYTES, clock);
  }

  /**
   * @param capacity most entries held
   * @param maxBytes most key and value bytes held
   */
  public MemoryStore(int capacity, long maxBytes, Clock clock) {
    if (capacity < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("capacity and maxBytes must be positive");
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
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
    int weight = key.length() * 2 + copy.length + ENTRY_OVERHEAD;
    Entry[] replaced = new Entry[1];
    boolean[] written = new boolean[1];
    if (expectedVersion == 0) {
      Entry existing = entries.get(key);
      if (existing != null && !existing.expired(now)) {
        return false;
      }
      reserveSlot(now);
    }
    try {
      reserveBytes(now, weight);
    } catch (StoreUnavailableException e) {
      if (expectedVersion == 0) {
        size.decrementAndGet();
      }
      throw e;
    }
    entries.compute(
        key,
        (k, current) -> {
          long currentVersion = current == null || current.expired(now) ? 0 : current.version;
          if (currentVersion != expectedVersion) {
            return current;
          }
          written[0] = true;
          replaced[0] = current;
          return new Entry(copy, expectedVersion + 1, expiresAt, weight);
        });
    if (!written[0]) {
      bytes.addAndGet(-weight);
      if (expectedVersion == 0) {
        size.decrementAndGet();
      }
    } else if (replaced[0] != null) {
      bytes.addAndGet(-replaced[0].weight);
      if (expectedVersion == 0) {
        size.decrementAndGet();
      }
    }
    return written[0];
  }

  @Override
  public void delete(String key) {
    Entry removed = entries.remove(key);
    if (removed != null) {
      size.decrementAndGet();
      bytes.addAndGet(-removed.weight);
    }
  }

  /** Live and not yet purged entries. */
  public int size() {
    return size.get();
  }

  /** Key and value bytes held by live and not yet purged entries (with a fixed overhead each). */
  public long bytes() {
    return bytes.get();
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

  private void reserveBytes(long now, int weight) {
    if (bytes.addAndGet(weight) <= maxBytes) {
      return;
    }
    purgeExpired(now);
    if (bytes.get() > maxBytes) {
      bytes.addAndGet(-weight);
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
              bytes.addAndGet(-entry.weight);
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
