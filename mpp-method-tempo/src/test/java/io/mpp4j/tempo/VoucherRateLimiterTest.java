package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.ProblemType;
import io.mpp4j.core.SessionExceptions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-channel token buckets: burst, refill, independence and bounded memory. */
class VoucherRateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(42 * SECOND);

  private VoucherRateLimiter limiter(int perSecond, int burst, int maxChannels) {
    return new VoucherRateLimiter(perSecond, burst, maxChannels, now::get);
  }

  @Test
  void acquireWhenBurstUsedThenRefusedUntilATokenRefills() {
    VoucherRateLimiter limiter = limiter(10, 3, 100);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("a");
    }

    assertThatThrownBy(() -> limiter.acquire("a"))
        .isInstanceOf(SessionExceptions.TooManyVouchers.class)
        .satisfies(
            e -> {
              SessionExceptions.TooManyVouchers refused = (SessionExceptions.TooManyVouchers) e;
              assertThat(refused.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
              assertThat(refused.type().status()).isEqualTo(429);
              assertThat(refused.members()).containsEntry("channelId", "a");
            });
    assertThat(limiter.nanosUntilToken("a")).isEqualTo(SECOND / 10);
    now.addAndGet(SECOND / 10 - 1);
    assertThatThrownBy(() -> limiter.acquire("a"))
        .isInstanceOf(SessionExceptions.TooManyVouchers.class);
    now.addAndGet(1);
    limiter.acquire("a");
  }

  @Test
  void acquireWhenIdleForLongThenBucketHoldsNoMoreThanTheBurst() {
    VoucherRateLimiter limiter = limiter(10, 2, 100);
    limiter.acquire("a");
    now.addAndGet(3600 * SECOND);

    limiter.acquire("a");
    limiter.acquire("a");

    assertThatThrownBy(() -> limiter.acquire("a"))
        .isInstanceOf(SessionExceptions.TooManyVouchers.class);
  }

  @Test
  void acquireWhenOneChannelIsExhaustedThenOthersAreNot() {
    VoucherRateLimiter limiter = limiter(1, 1, 100);
    limiter.acquire("a");

    limiter.acquire("b");

    assertThat(limiter.nanosUntilToken("a")).isPositive();
    assertThat(limiter.nanosUntilToken("c")).isZero();
  }

  @Test
  void acquireFromManyThreadsOnManyChannelsThenEachChannelGetsExactlyItsBurst() throws Exception {
    VoucherRateLimiter limiter = limiter(1, 100, 10_000);
    java.util.concurrent.atomic.AtomicInteger granted =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 16 * 150; i++) {
                  try {
                    limiter.acquire("channel-" + (i % 16));
                    granted.incrementAndGet();
                  } catch (SessionExceptions.TooManyVouchers e) {
                    // over the burst: refused, as intended
                  }
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(granted.get()).as("16 channels, a burst of 100 each, time frozen").isEqualTo(1600);
  }

  @Test
  void acquireWhenManyInventedChannelsThenMemoryStaysBoundedAndTheBusyOneKeepsItsLimit() {
    VoucherRateLimiter limiter = limiter(1, 2, 50);
    limiter.acquire("busy");
    limiter.acquire("busy");
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("invented-" + i);
      if (i % 10 == 0) {
        assertThat(limiter.nanosUntilToken("busy")).isPositive();
      }
    }

    assertThat(limiter.size()).isLessThanOrEqualTo(50);
    assertThatThrownBy(() -> limiter.acquire("busy"))
        .as("recently used buckets stay; the least recently used go first")
        .isInstanceOf(SessionExceptions.TooManyVouchers.class);
  }
}
