package io.mpp4j.tempo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The streams this instance serves, one per channel (draft-tempo-session-00 §"Concurrency Model": a
 * new streaming request on a channel that already has an active session SHOULD terminate the
 * previous one), and how their {@code payment-need-voucher} events are paced so that the vouchers
 * they ask for stay within the per-channel rate limit (§"Denial of Service").
 *
 * <p>Pacing: the first {@code exactNeeds} needs of a stream ask for exactly the units about to be
 * delivered. After that, a need that comes less than {@code targetGap} after the previous one asks
 * for the units the stream delivered since then scaled to {@code targetGap} — enough for about that
 * long at the stream's pace — so that a fast stream's vouchers settle at about one per {@code
 * targetGap}. Before announcing a need, a stream waits (at most one token's time) until the
 * channel's bucket holds a token for the voucher it asks for.
 */
final class SessionStreams {
  private final VoucherRateLimiter limiter;
  private final int exactNeeds;
  private final long targetGapNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, SessionMetering> active = new ConcurrentHashMap<>();

  SessionStreams(VoucherRateLimiter limiter, int perSecond, int burst) {
    this(limiter, perSecond, burst, System::nanoTime);
  }

  SessionStreams(VoucherRateLimiter limiter, int perSecond, int burst, LongSupplier nanoTime) {
    this.limiter = limiter;
    this.exactNeeds = Math.max(1, burst / 2);
    this.targetGapNanos = 2_000_000_000L / perSecond;
    this.nanoTime = nanoTime;
  }

  /**
   * Makes {@code stream} the channel's active stream; the previous one on this instance, if any, is
   * told to stop and woken.
   */
  void begin(String channelId, SessionMetering stream, ChannelStore channels) {
    SessionMetering previous = active.put(channelId, stream);
    if (previous != null && previous != stream) {
      previous.supersede();
      channels.signal(channelId);
    }
  }

  void end(String channelId, SessionMetering stream) {
    active.remove(channelId, stream);
  }

  /** Streams active now. */
  int activeCount() {
    return active.size();
  }

  /**
   * Waits until the channel's bucket holds a token, at most {@code maxNanos}; true when it waited.
   */
  boolean awaitToken(String channelId, long maxNanos) throws InterruptedException {
    long wait = Math.min(maxNanos, limiter.nanosUntilToken(channelId));
    if (wait <= 0) {
      return false;
    }
    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    return true;
  }

  /** A stream's pacing state. */
  Pace pace() {
    return new Pace();
  }

  /** The needs of one stream so far. */
  final class Pace {
    private int needs;
    private long lastNeedAt;
    private long meteredAtLastNeed;

    private Pace() {}

    /**
     * How many units the next voucher should cover: at least {@code rest}, more for a fast stream.
     *
     * @param rest units the stream needs now
     * @param metered units the stream delivered so far
     */
    long units(long rest, long metered) {
      long now = nanoTime.getAsLong();
      long units = rest;
      needs++;
      if (needs > exactNeeds) {
        long gap = Math.max(1, now - lastNeedAt);
        if (gap < targetGapNanos) {
          double delivered = (double) (metered - meteredAtLastNeed) + rest;
          double scaled = Math.ceil(delivered * targetGapNanos / gap);
          units = (long) Math.max(rest, Math.min(scaled, Long.MAX_VALUE / 4));
        }
      }
      lastNeedAt = now;
      meteredAtLastNeed = metered;
      return units;
    }
  }
}
