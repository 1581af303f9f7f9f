package io.mpp4j.tempo;

import io.mpp4j.core.SessionExceptions;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The per-channel limit on session credentials (draft-tempo-session-00 §"Denial of Service":
 * servers MUST rate limit voucher submissions, SHOULD at 10 per second per session): a token bucket
 * per channel id that refills at {@code perSecond} and holds at most {@code burst}, taken once per
 * credential after the payload's format checks and before any store access or signature recovery.
 *
 * <p>Requests on different channels share no lock: each bucket is locked alone, so that a busy
 * server's request threads never queue behind one another's channels.
 *
 * <p>Memory is bounded: when more than {@code maxChannels} buckets are held, one thread drops the
 * least recently used eighth of them (the others go on meanwhile). A bucket left alone for {@code
 * burst / perSecond} seconds is full again, so evicting an idle one changes nothing; an attacker
 * inventing channel ids only pushes out buckets, and a pushed-out bucket comes back full, which
 * grants its channel at most one extra burst. The limit is per instance.
 */
final class VoucherRateLimiter {
  /** Buckets kept at most; about 200 bytes each. */
  static final int MAX_CHANNELS = 50_000;

  private final double perNano;
  private final double burst;
  private final int maxChannels;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong uses = new AtomicLong();
  private final ReentrantLock eviction = new ReentrantLock();

  VoucherRateLimiter(int perSecond, int burst) {
    this(perSecond, burst, MAX_CHANNELS, System::nanoTime);
  }

  VoucherRateLimiter(int perSecond, int burst, int maxChannels, LongSupplier nanoTime) {
    if (perSecond < 1 || burst < 1 || maxChannels < 1) {
      throw new IllegalArgumentException("rate, burst and capacity must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.maxChannels = maxChannels;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one token of {@code channelId}'s bucket.
   *
   * @throws SessionExceptions.TooManyVouchers when the bucket is empty; nothing else changes
   */
  void acquire(String channelId) {
    Bucket bucket = bucket(channelId);
    synchronized (bucket) {
      bucket.refill(nanoTime.getAsLong(), perNano, burst);
      if (bucket.tokens < 1) {
        throw new SessionExceptions.TooManyVouchers(
            "Too many vouchers on this channel; retry after a short pause.", channelId);
      }
      bucket.tokens -= 1;
    }
  }

  /** How long until {@code channelId}'s bucket holds a token; 0 when it holds one now. */
  long nanosUntilToken(String channelId) {
    Bucket bucket = bucket(channelId);
    synchronized (bucket) {
      bucket.refill(nanoTime.getAsLong(), perNano, burst);
      return bucket.tokens >= 1 ? 0 : (long) Math.ceil((1 - bucket.tokens) / perNano);
    }
  }

  /** Buckets held now. */
  int size() {
    return buckets.size();
  }

  /** The channel's bucket, created full when absent, marked as the most recently used. */
  private Bucket bucket(String channelId) {
    long use = uses.incrementAndGet();
    Bucket bucket = buckets.get(channelId);
    boolean created = bucket == null;
    if (created) {
      bucket = buckets.computeIfAbsent(channelId, id -> new Bucket(burst, nanoTime.getAsLong()));
    }
    bucket.lastUse = use;
    if (created && buckets.size() > maxChannels) {
      evictLeastRecentlyUsed();
    }
    return bucket;
  }

  /** Drops the least recently used buckets down to seven eighths of the capacity. */
  private void evictLeastRecentlyUsed() {
    if (!eviction.tryLock()) {
      return;
    }
    try {
      int excess = buckets.size() - (maxChannels - maxChannels / 8);
      if (excess <= 0) {
        return;
      }
      long[] lastUses = buckets.values().stream().mapToLong(b -> b.lastUse).toArray();
      Arrays.sort(lastUses);
      long newestEvicted = lastUses[Math.min(excess, lastUses.length) - 1];
      buckets.values().removeIf(b -> b.lastUse <= newestEvicted);
    } finally {
      eviction.unlock();
    }
  }

  private static final class Bucket {
    double tokens;
    long at;
    volatile long lastUse;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    void refill(long now, double perNano, double burst) {
      long elapsed = Math.max(0, now - at);
      tokens = Math.min(burst, tokens + elapsed * perNano);
      at = now;
    }
  }
}
