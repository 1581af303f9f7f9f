package io.mpp4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. Implementations' tests extend this class and provide
 * a fresh store; keys are random so that shared servers need no cleanup.
 */
public abstract class StoreContract {

  /** A store to test (may be shared between tests). */
  protected abstract Store store();

  /** Waits until entries with {@code ttl} have expired (real time or a test clock). */
  protected void expire(Duration ttl) throws InterruptedException {
    Thread.sleep(ttl.toMillis() + 50);
  }

  protected static String key() {
    return "contract:" + UUID.randomUUID();
  }

  @Test
  void claimWhenKeyIsNewThenOnlyFirstCallerWins() {
    String key = key();
    assertThat(store().claim(key, Duration.ofMinutes(1))).isTrue();
    assertThat(store().claim(key, Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void claimWhenReleasedThenClaimableAgain() {
    String key = key();
    assertThat(store().claim(key, Duration.ofMinutes(1))).isTrue();
    store().release(key);
    assertThat(store().claim(key, Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void claimWhenExpiredThenClaimableAgain() throws InterruptedException {
    String key = key();
    Duration ttl = Duration.ofMillis(300);
    assertThat(store().claim(key, ttl)).isTrue();
    expire(ttl);
    assertThat(store().claim(key, Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void claimWhenManyThreadsRaceThenExactlyOneWins() throws Exception {
    String key = key();
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store().claim(key, Duration.ofMinutes(1));
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void compareAndSetWhenAbsentThenCreatesVersionOne() {
    String key = key();
    assertThat(store().compareAndSet(key, 0, bytes("a"), Duration.ofMinutes(1))).isTrue();
    StoreRecord record = store().get(key).orElseThrow();
    assertThat(record.version()).isEqualTo(1);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("a");
  }

  @Test
  void compareAndSetWhenVersionIsStaleThenWritesNothing() {
    String key = key();
    store().compareAndSet(key, 0, bytes("a"), Duration.ofMinutes(1));
    assertThat(store().compareAndSet(key, 1, bytes("b"), Duration.ofMinutes(1))).isTrue();
    assertThat(store().compareAndSet(key, 1, bytes("c"), Duration.ofMinutes(1))).isFalse();
    assertThat(store().compareAndSet(key, 0, bytes("d"), Duration.ofMinutes(1))).isFalse();
    StoreRecord record = store().get(key).orElseThrow();
    assertThat(record.version()).isEqualTo(2);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("b");
  }

  @Test
  void compareAndSetWhenManyThreadsIncrementThenNoUpdateIsLost() throws Exception {
    String key = key();
    store().compareAndSet(key, 0, bytes("0"), Duration.ofMinutes(1));
    int threads = 16;
    int incrementsEach = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < incrementsEach; i++) {
                    while (true) {
                      StoreRecord current = store().get(key).orElseThrow();
                      int next =
                          Integer.parseInt(new String(current.value(), StandardCharsets.UTF_8)) + 1;
                      if (store()
                          .compareAndSet(
                              key,
                              current.version(),
                              bytes(Integer.toString(next)),
                              Duration.ofMinutes(1))) {
                        break;
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    StoreRecord record = store().get(key).orElseThrow();
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo(Integer.toString(threads * incrementsEach));
    assertThat(record.version()).isEqualTo(1 + threads * incrementsEach);
  }

  @Test
  void getWhenRecordExpiredThenEmpty() throws InterruptedException {
    String key = key();
    Duration ttl = Duration.ofMillis(300);
    store().compareAndSet(key, 0, bytes("a"), ttl);
    expire(ttl);
    assertThat(store().get(key)).isEmpty();
    assertThat(store().compareAndSet(key, 0, bytes("b"), Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void deleteWhenPresentThenGone() {
    String key = key();
    store().compareAndSet(key, 0, bytes("a"), Duration.ofMinutes(1));
    store().delete(key);
    assertThat(store().get(key)).isEmpty();
  }

  @Test
  void claimAndRecordsWhenSameKeyThenIndependentOfOtherKeys() {
    String a = key();
    String b = key();
    assertThat(store().claim(a, Duration.ofMinutes(1))).isTrue();
    assertThat(store().claim(b, Duration.ofMinutes(1))).isTrue();
    assertThat(store().get(key())).isEmpty();
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
