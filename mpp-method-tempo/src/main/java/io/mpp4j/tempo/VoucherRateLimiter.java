package io.mpp4j.tempo;

import io.mpp4j.core.SessionExceptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-channel limit on session credentials (draft-tempo-session-00 §"Denial of Service":
 * servers MUST rate limit voucher submissions, SHOULD at 10 per second per session): a token bucket
 * per channel id that refills at {@code perSecond} and holds at most {@code burst}, taken once per
 * credential after the payload's format checks and before any store access or signature recovery.
 *
 * <p>Memory is bounded: at most {@code maxChannels} buckets, least recently used first out. A
 * bucket left alone for {@code burst / perSecond} seconds is full again, so evicting an idle one
 * changes nothing; an attacker inventing channel ids only pushes out buckets, and a pushed-out
 * bucket comes back full, which grants its channel at most one extra burst. The limit is per
 * instance.
 */
final class VoucherRateLimiter {
  /** Buckets kept at most; about 200 bytes each. */
  static final int MAX_CHANNELS = 50_000;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets;

  VoucherRateLimiter(int perSecond, int burst) {
    this(perSecond, burst, MAX_CHANNELS, System::nanoTime);
  }

  VoucherRateLimiter(int perSecond, int burst, int maxChannels, LongSupplier nanoTime) {
    if (perSecond < 1 || burst < 1 || maxChannels < 1) {
      throw new IllegalArgumentException("rate, burst and capacity must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxChannels;
          }
        };
  }

  /**
   * Takes one token of {@code channelId}'s bucket.
   *
   * @throws SessionExceptions.TooManyVouchers when the bucket is empty; nothing else changes
   */
  void acquire(String channelId) {
    synchronized (buckets) {
      Bucket bucket = refilled(channelId);
      if (bucket.tokens < 1) {
        throw new SessionExceptions.TooManyVouchers(
            "Too many vouchers on this channel; retry after a short pause.", channelId);
      }
      bucket.tokens -= 1;
    }
  }

  /** How long until {@code channelId}'s bucket holds a token; 0 when it holds one now. */
  long nanosUntilToken(String channelId) {
    synchronized (buckets) {
      Bucket bucket = refilled(channelId);
      return bucket.tokens >= 1 ? 0 : (long) Math.ceil((1 - bucket.tokens) / perNano);
    }
  }

  /** Buckets held now. */
  int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  /** The bucket, created full or refilled for the time since it was last looked at. */
  private Bucket refilled(String channelId) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(channelId);
    if (bucket == null) {
      bucket = new Bucket(burst, now);
      buckets.put(channelId, bucket);
      return bucket;
    }
    long elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perNano);
    bucket.at = now;
    return bucket;
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
