package io.mpp4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.store.StoreUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Assertions for store outage tests: fail fast while down, recover once back. */
public final class Outages {
  private Outages() {}

  /** {@code call} fails with {@link StoreUnavailableException} in under {@code boundMillis}. */
  public static void assertUnavailableWithin(long boundMillis, Runnable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call::run).isInstanceOf(StoreUnavailableException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .as("milliseconds until the failure surfaced")
        .isLessThan(boundMillis);
  }

  /** Retries {@code call} while the store is unavailable, for up to 10 seconds (reconnecting). */
  public static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return call.get();
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
