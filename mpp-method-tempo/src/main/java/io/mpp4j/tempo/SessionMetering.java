package io.mpp4j.tempo;

import io.mpp4j.core.Meter;
import io.mpp4j.core.Metering;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.SessionExceptions;
import io.mpp4j.core.Usage;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What one paid request consumes from its channel (draft-tempo-session-00 §"Cost Calculation"): one
 * unit was reserved when the request was admitted; a streaming handler charges further units
 * through the {@link Meter} before it delivers them, pausing for a voucher when the accepted amount
 * runs out; a handler that reports its usage instead pays units × price when it completes (without
 * usage, the reserved unit is the request's fixed price). A failed handler gets its reservation
 * back. Every charge is a compare-and-set on the shared channel state, written before the units are
 * delivered.
 *
 * <p>A request that meters a stream becomes its channel's active stream on this instance ({@link
 * SessionStreams}): when a newer stream on the channel starts, this one's next {@link #charge}
 * returns false at once (woken if paused), so the handler stops and sends its final receipt. Its
 * needs ask for vouchers paced to the channel's rate limit, never above the deposit nor below
 * {@code minVoucherDelta}.
 */
final class SessionMetering implements Metering, Meter {
  private static final long FIRST_POLL_MILLIS = 20;
  private static final long MAX_POLL_MILLIS = 250;

  private final ChannelStore channels;
  private final Store store;
  private final String channelId;
  private final BigInteger price;
  private final String challengeId;
  private final Clock clock;
  private final Receipt admitted;
  private final SessionStreams streams;
  private final SessionStreams.Pace pace;
  private final BigInteger minDelta;
  private long reservedLeft = 1;
  private long metered;
  private boolean closed;
  private boolean streaming;
  private volatile boolean superseded;

  SessionMetering(
      ChannelStore channels,
      Store store,
      String channelId,
      BigInteger price,
      String challengeId,
      Clock clock,
      Receipt admitted,
      SessionStreams streams,
      BigInteger minDelta) {
    this.channels = channels;
    this.store = store;
    this.channelId = channelId;
    this.price = price;
    this.challengeId = challengeId;
    this.clock = clock;
    this.admitted = admitted;
    this.streams = streams;
    this.pace = streams.pace();
    this.minDelta = minDelta;
  }

  /** A newer stream on the channel took over: stop delivering. */
  void supersede() {
    superseded = true;
  }

  @Override
  public Optional<Meter> meter() {
    return Optional.of(this);
  }

  @Override
  public synchronized boolean charge(long units, Duration maxWait, NeedListener onNeed) {
    if (units < 0) {
      throw new IllegalArgumentException("units must not be negative");
    }
    if (closed) {
      throw new IllegalStateException("the request's metering is complete");
    }
    if (!streaming) {
      streaming = true;
      streams.begin(channelId, this, channels);
    }
    if (superseded) {
      return false;
    }
    long fromReservation = Math.min(units, reservedLeft);
    long rest = units - fromReservation;
    if (rest == 0) {
      reservedLeft -= fromReservation;
      metered += units;
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    long poll = FIRST_POLL_MILLIS;
    BigInteger announced = null;
    BigInteger awaited = null;
    try {
      while (true) {
        ChannelState state;
        try {
          channels.update(store, channelId, s -> SessionLedger.charge(s, price, rest));
          reservedLeft -= fromReservation;
          metered += units;
          return true;
        } catch (SessionExceptions.InsufficientBalance e) {
          state = current();
        }
        if (maxWait.isZero() || maxWait.isNegative()) {
          // nobody waits: tell the caller what is missing, record no paused stream
          onNeed.needVoucher(need(state, required(state, rest)));
          return false;
        }
        if (announced == null || !announced.equals(state.accepted())) {
          if (streams.awaitToken(channelId, Math.max(0, deadline - System.nanoTime()))) {
            continue;
          }
          BigInteger required = required(state, rest);
          announced = state.accepted();
          awaited = required;
          long until = clock.instant().getEpochSecond() + Math.max(1, maxWait.toSeconds());
          channels.update(store, channelId, s -> s.withNeed(required, until));
          onNeed.needVoucher(need(state, required));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || superseded) {
          return false;
        }
        channels.await(channelId, Math.min(poll, left / 1_000_000 + 1));
        if (superseded) {
          return false;
        }
        poll = Math.min(MAX_POLL_MILLIS, poll * 2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      if (awaited != null) {
        BigInteger mine = awaited;
        channels.update(
            store, channelId, s -> s.needed().equals(mine) ? s.withNeed(BigInteger.ZERO, 0) : s);
      }
    }
  }

  private Need need(ChannelState state, BigInteger required) {
    return new Need(
        channelId, required.toString(), state.accepted().toString(), state.deposit().toString());
  }

  /**
   * The cumulative amount to ask for: the paced number of units past what is spent, at least the
   * units needed now and {@code minVoucherDelta} past the accepted amount, at most the deposit
   * unless the units needed now exceed it (the client must then top up).
   */
  private BigInteger required(ChannelState state, long rest) {
    BigInteger needed = state.spent().add(price.multiply(BigInteger.valueOf(rest)));
    BigInteger paced =
        state.spent().add(price.multiply(BigInteger.valueOf(pace.units(rest, metered))));
    BigInteger wanted = paced.max(state.accepted().add(minDelta)).min(state.deposit());
    return wanted.max(needed);
  }

  private ChannelState current() {
    return channels
        .get(store, channelId)
        .map(ChannelStore.Versioned::state)
        .orElseThrow(
            () -> new SessionExceptions.ChannelNotFound("The channel is gone.", channelId));
  }

  @Override
  public synchronized Receipt receipt() {
    return TempoSession.receipt(
        current(), challengeId, metered == 0 ? 1 : metered, clock.instant());
  }

  @Override
  public synchronized Receipt complete(Usage usage) {
    closed = true;
    streams.end(channelId, this);
    if (metered == 0 && usage.units() <= 1) {
      return admitted;
    }
    long units = metered > 0 ? metered : Math.max(1, usage.units());
    if (metered > 0 && reservedLeft > 0) {
      give(reservedLeft);
    } else if (metered == 0 && usage.units() > 1) {
      long extra = usage.units() - 1;
      channels.update(store, channelId, s -> SessionLedger.charge(s, price, extra));
    }
    return TempoSession.receipt(current(), challengeId, units, clock.instant());
  }

  @Override
  public synchronized void abort(Throwable cause) {
    if (closed) {
      return;
    }
    closed = true;
    streams.end(channelId, this);
    if (reservedLeft > 0) {
      give(reservedLeft);
    }
  }

  private void give(long units) {
    reservedLeft = 0;
    channels.update(store, channelId, s -> SessionLedger.refund(s, price, units));
  }
}
