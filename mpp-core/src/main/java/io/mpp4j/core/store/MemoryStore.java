package io.mpp4j.core.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
 * <p>Claims (most of what a busy server holds: two per payment, for minutes) are not kept as
 * objects: each is a 128-bit name of its key under a random per-store SipHash key and an expiry,
 * three longs in a striped primitive table ({@link ClaimTable}), so that the garbage collector
 * never copies them. A claim counts as one entry of {@link #CLAIM_BYTES} bytes. Claims and records
 * share one key space: a claimed key reads as an empty record of version 1, as if claimed with
 * {@code compareAndSet(key, 0, new byte[0], ttl)}.
 *
 * @since 0.1.0
 */
public final class MemoryStore implements Store {
  /** Default number of live entries held. */
  public static final int DEFAULT_CAPACITY = 1_000_000;

  /** Default number of key and value bytes held: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** Bytes counted per claim (its key is not kept). */
  public static final int CLAIM_BYTES = 64;

  /** Bytes counted per entry besides its key and value. */
  private static final int ENTRY_OVERHEAD = 64;

  private static final int STRIPES = 64;
  private static final byte[] EMPTY = new byte[0];

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ClaimTable[] claims = new ClaimTable[STRIPES];
  private final SipHash nameHigh;
  private final SipHash nameLow;
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
    SecureRandom random = new SecureRandom();
    this.nameHigh = new SipHash(random.nextLong(), random.nextLong());
    this.nameLow = new SipHash(random.nextLong(), random.nextLong());
    for (int i = 0; i < STRIPES; i++) {
      claims[i] = new ClaimTable();
    }
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    Name name = name(key);
    long now = clock.millis();
    long expiresAt = now + requirePositive(ttl).toMillis();
    ClaimTable table = claims[name.stripe()];
    synchronized (table) {
      Entry existing = entries.get(key);
      if (existing != null && !existing.expired(now)) {
        return false;
      }
      ClaimTable.Outcome outcome = table.claim(name.high, name.low, expiresAt, now);
      if (outcome == ClaimTable.Outcome.HELD) {
        return false;
      }
      if (outcome == ClaimTable.Outcome.ADDED) {
        try {
          reserveSlot(now);
        } catch (StoreUnavailableException e) {
          table.remove(name.high, name.low);
          throw e;
        }
        try {
          reserveBytes(now, CLAIM_BYTES);
        } catch (StoreUnavailableException e) {
          table.remove(name.high, name.low);
          size.decrementAndGet();
          throw e;
        }
      }
      return true;
    }
  }

  @Override
  public void release(String key) {
    delete(key);
  }

  @Override
  public Optional<StoreRecord> get(String key) {
    long now = clock.millis();
    Name name = name(key);
    ClaimTable table = claims[name.stripe()];
    synchronized (table) {
      if (table.holds(name.high, name.low, now)) {
        return Optional.of(new StoreRecord(EMPTY, 1));
      }
      Entry entry = entries.get(key);
      if (entry == null || entry.expired(now)) {
        return Optional.empty();
      }
      return Optional.of(new StoreRecord(entry.value, entry.version));
    }
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    long now = clock.millis();
    long expiresAt = now + requirePositive(ttl).toMillis();
    Name name = name(key);
    ClaimTable table = claims[name.stripe()];
    synchronized (table) {
      if (table.holds(name.high, name.low, now)) {
        if (expectedVersion != 1) {
          return false;
        }
        boolean written = write(key, 0, 2, value, now, expiresAt);
        if (written) {
          forgetClaim(table, name);
        }
        return written;
      }
      forgetClaim(table, name);
      return write(key, expectedVersion, expectedVersion + 1, value, now, expiresAt);
    }
  }

  /** Writes version {@code newVersion} if the entries hold version {@code expectedVersion}. */
  private boolean write(
      String key, long expectedVersion, long newVersion, byte[] value, long now, long expiresAt) {
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
          return new Entry(copy, newVersion, expiresAt, weight);
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
    Name name = name(key);
    ClaimTable table = claims[name.stripe()];
    synchronized (table) {
      forgetClaim(table, name);
      Entry removed = entries.remove(key);
      if (removed != null) {
        size.decrementAndGet();
        bytes.addAndGet(-removed.weight);
      }
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
      for (ClaimTable table : claims) {
        int purged;
        synchronized (table) {
          purged = table.purge(now);
        }
        size.addAndGet(-purged);
        bytes.addAndGet(-(long) purged * CLAIM_BYTES);
      }
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

  private void forgetClaim(ClaimTable table, Name name) {
    if (table.remove(name.high, name.low)) {
      size.decrementAndGet();
      bytes.addAndGet(-CLAIM_BYTES);
    }
  }

  private Name name(String key) {
    byte[] utf8 = Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    return new Name(nameHigh.hash(utf8), nameLow.hash(utf8));
  }

  /** A key's name in the claim tables; its stripe comes from bits the slot index does not use. */
  private record Name(long high, long low) {
    int stripe() {
      return (int) (high >>> 58);
    }
  }

  private static Duration requirePositive(Duration ttl) {
    if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return ttl;
  }
}
