package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Meter;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Usage;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * draft-tempo-session-00 §"Concurrency Model" (a new stream on a channel ends the previous one) and
 * the pacing of {@code payment-need-voucher} that keeps a fast stream's vouchers within the
 * per-channel rate limit (§"Denial of Service").
 */
class SessionStreamsTest {
  private static final long MS = 1_000_000L;
  private static final BigInteger PRICE = BigInteger.valueOf(1_000);

  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final MemoryStore store = new MemoryStore();
  private final ChannelStore channels = new ChannelStore(Duration.ofDays(1));
  private final VoucherRateLimiter limiter = new VoucherRateLimiter(10, 20, 100, now::get);
  private final SessionStreams streams = new SessionStreams(limiter, 10, 20, now::get);

  @Test
  void unitsWhenStreamIsSlowOrYoungThenExactlyWhatIsNeeded() {
    SessionStreams.Pace pace = streams.pace();
    for (int need = 1; need <= 10; need++) {
      now.addAndGet(5 * MS);
      assertThat(pace.units(1, need)).as("need %d of the first ten", need).isEqualTo(1);
    }
    now.addAndGet(300 * MS);

    assertThat(pace.units(1, 11)).as("the stream paused longer than 200 ms").isEqualTo(1);
  }

  @Test
  void unitsWhenStreamOutpacesTheLimitThenEnoughForTheNext200Ms() {
    SessionStreams.Pace pace = streams.pace();
    for (int need = 1; need <= 10; need++) {
      now.addAndGet(10 * MS);
      pace.units(1, need);
    }
    now.addAndGet(10 * MS);

    long units = pace.units(1, 11);

    assertThat(units).as("2 units in 10 ms: 40 units in 200 ms").isEqualTo(40);
    now.addAndGet(200 * MS);
    assertThat(pace.units(1, 11 + 40)).as("at the target pace it stays exact").isEqualTo(1);
  }

  @Test
  void chargeWhenFastStreamNeedsVouchersThenAskedAmountIsPacedAndCappedByDeposit() {
    String channel = channel(100_000, 1_000);
    SessionMetering meter = meter(channel, BigInteger.ZERO);
    List<Meter.Need> needs = new CopyOnWriteArrayList<>();
    assertThat(meter.charge(1, Duration.ZERO, needs::add)).isTrue();
    for (int i = 0; i < 11; i++) {
      now.addAndGet(MS);
      assertThat(meter.charge(1, Duration.ofMillis(1), needs::add)).isFalse();
      long required = Long.parseLong(needs.get(needs.size() - 1).requiredCumulative());
      raiseAcceptedTo(channel, Math.min(required, 2_000 + 1_000L * i));
      assertThat(meter.charge(1, Duration.ofMillis(1), needs::add)).isTrue();
    }

    assertThat(needs).hasSize(11);
    assertThat(needs.subList(0, 10))
        .allSatisfy(
            need ->
                assertThat(new BigInteger(need.requiredCumulative()))
                    .as("the first ten needs ask for exactly the next unit")
                    .isEqualTo(new BigInteger(need.acceptedCumulative()).add(PRICE)));
    assertThat(needs.get(10).requiredCumulative())
        .as("400 units at this pace would exceed the deposit: capped at it")
        .isEqualTo("100000");
  }

  @Test
  void chargeWhenMinVoucherDeltaExceedsPriceThenNeedAsksForTheDelta() {
    String channel = channel(1_000_000, 1_000);
    SessionMetering meter = meter(channel, BigInteger.valueOf(5_000));
    List<Meter.Need> needs = new CopyOnWriteArrayList<>();
    assertThat(meter.charge(1, Duration.ZERO, needs::add)).isTrue();

    assertThat(meter.charge(1, Duration.ofMillis(1), needs::add)).isFalse();

    assertThat(needs.get(0).requiredCumulative()).isEqualTo("6000");
  }

  @Test
  void chargeWhenNewStreamStartsOnChannelThenPausedPreviousStopsAtOnce() throws Exception {
    String channel = channel(1_000_000, 1_000);
    SessionMetering first = meter(channel, BigInteger.ZERO);
    assertThat(first.charge(1, Duration.ZERO, need -> {})).isTrue();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      List<Meter.Need> needs = new CopyOnWriteArrayList<>();
      Future<Boolean> paused =
          pool.submit(() -> first.charge(1, Duration.ofSeconds(30), needs::add));
      while (needs.isEmpty()) {
        Thread.sleep(5);
      }
      long started = System.nanoTime();

      SessionMetering second = meter(channel, BigInteger.ZERO);
      boolean secondCharged = second.charge(1, Duration.ZERO, need -> {});

      assertThat(paused.get(5, TimeUnit.SECONDS)).as("the previous stream stops").isFalse();
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
      assertThat(secondCharged).isTrue();
      assertThat(first.charge(1, Duration.ofSeconds(30), need -> {}))
          .as("a superseded stream delivers nothing more")
          .isFalse();
      assertThat(first.receipt().reference()).isEqualTo(channel);
      assertThat(streams.activeCount()).isEqualTo(1);
      first.complete(new Usage(1));
      second.complete(new Usage(1));
      assertThat(streams.activeCount()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  /** A channel with {@code deposit} whose accepted voucher covers the first unit already spent. */
  private String channel(long deposit, long acceptedAndSpent) {
    String id = "0x" + Long.toHexString(System.nanoTime()).repeat(8).substring(0, 64);
    Escrow.OnChain onChain =
        new Escrow.OnChain(
            false,
            0,
            "0x1111111111111111111111111111111111111111",
            "0x2222222222222222222222222222222222222222",
            TempoMethod.PATH_USD,
            "0x1111111111111111111111111111111111111111",
            BigInteger.valueOf(deposit),
            BigInteger.ZERO);
    ChannelState state =
        ChannelState.fromChain(id, ChainlessSession.ESCROW, 31337, onChain, 1)
            .withVoucher(BigInteger.valueOf(acceptedAndSpent), "0xsig")
            .withSpent(BigInteger.valueOf(acceptedAndSpent), 1);
    channels.replace(store, null, state);
    return id;
  }

  private void raiseAcceptedTo(String channel, long amount) {
    channels.update(
        store, channel, s -> s.withVoucher(BigInteger.valueOf(amount).max(s.accepted()), "0xsig"));
    channels.signal(channel);
  }

  private SessionMetering meter(String channel, BigInteger minDelta) {
    Receipt admitted =
        new Receipt(TempoMethod.ID, channel, Instant.EPOCH, java.util.Map.of("intent", "session"));
    return new SessionMetering(
        channels,
        store,
        channel,
        PRICE,
        "challenge",
        Clock.systemUTC(),
        admitted,
        streams,
        minDelta);
  }
}
