package io.mpp4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContract {
  private final AtomicLong millis =
      new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };
  private final MemoryStore store = new MemoryStore(200_000, clock);

  @Override
  protected Store store() {
    return store;
  }

  @Override
  protected void expire(Duration ttl) {
    millis.addAndGet(ttl.toMillis() + 1);
  }

  @Test
  void claimWhenFullOfLiveEntriesThenFailsClosedInsteadOfEvicting() {
    MemoryStore small = new MemoryStore(2, clock);
    assertThat(small.claim("a", Duration.ofMinutes(1))).isTrue();
    assertThat(small.claim("b", Duration.ofMinutes(1))).isTrue();
    assertThatThrownBy(() -> small.claim("c", Duration.ofMinutes(1)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(small.claim("a", Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void claimWhenFullOfExpiredEntriesThenExpiredOnesMakeRoomUpToCapacity() {
    // Names are keyed per store: in about one store in 500, "c" reuses the slot of an expired
    // claim instead of adding one and purging, so the outcome is checked across many stores.
    for (int store = 0; store < 10_000; store++) {
      MemoryStore small = new MemoryStore(2, clock);
      small.claim("a", Duration.ofSeconds(1));
      small.claim("b", Duration.ofSeconds(1));
      expire(Duration.ofSeconds(1));
      assertThat(small.claim("c", Duration.ofMinutes(1))).isTrue();
      assertThat(small.claim("d", Duration.ofMinutes(1))).isTrue();
      assertThat(small.size()).isEqualTo(2);
      assertThatThrownBy(() -> small.claim("e", Duration.ofMinutes(1)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(small.claim("c", Duration.ofMinutes(1))).isFalse();
    }
  }

  @Test
  void claimWhenHundredThousandKeysExpireThenMemoryStaysBounded() {
    MemoryStore bounded = new MemoryStore(100_000, clock);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 100_000; i++) {
        assertThat(bounded.claim("r" + round + ":" + i, Duration.ofSeconds(10))).isTrue();
      }
      assertThat(bounded.size()).isLessThanOrEqualTo(100_000);
      expire(Duration.ofSeconds(10));
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(100_000);
  }

  @Test
  void compareAndSetWhenValuesWouldExceedTheByteBoundThenFailsClosedUntilSpaceIsFreed() {
    MemoryStore bounded = new MemoryStore(1_000, 64 * 1024, clock);
    byte[] response = new byte[20 * 1024];
    assertThat(bounded.compareAndSet("r1", 0, response, Duration.ofMinutes(1))).isTrue();
    assertThat(bounded.compareAndSet("r2", 0, response, Duration.ofMinutes(1))).isTrue();
    assertThat(bounded.compareAndSet("r3", 0, response, Duration.ofMinutes(1))).isTrue();

    assertThatThrownBy(() -> bounded.compareAndSet("r4", 0, response, Duration.ofMinutes(1)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(
            () -> bounded.compareAndSet("r1", 1, new byte[40 * 1024], Duration.ofMinutes(1)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(bounded.get("r1")).isPresent();
    bounded.delete("r1");
    assertThat(bounded.compareAndSet("r4", 0, response, Duration.ofMinutes(1))).isTrue();
    assertThat(bounded.bytes()).isLessThanOrEqualTo(64 * 1024);
    assertThat(bounded.size()).isEqualTo(3);
  }

  @Test
  void compareAndSetWhenValueShrinksOrExpiresThenBytesAreGivenBack() {
    MemoryStore bounded = new MemoryStore(1_000, 64 * 1024, clock);
    bounded.compareAndSet("a", 0, new byte[30 * 1024], Duration.ofSeconds(1));
    long large = bounded.bytes();
    bounded.compareAndSet("a", 1, new byte[10], Duration.ofSeconds(1));
    assertThat(bounded.bytes()).isLessThan(large - 29 * 1024);
    expire(Duration.ofSeconds(1));
    assertThat(bounded.compareAndSet("b", 0, new byte[60 * 1024], Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void claimWhenKeyHoldsARecordOrARecordIsWrittenOverAClaimThenOneKeySpace() {
    assertThat(store.compareAndSet("record", 0, bytes("v"), Duration.ofMinutes(1))).isTrue();
    assertThat(store.claim("record", Duration.ofMinutes(1))).isFalse();

    assertThat(store.claim("claimed", Duration.ofMinutes(1))).isTrue();
    assertThat(store.compareAndSet("claimed", 0, bytes("v"), Duration.ofMinutes(1))).isFalse();
    assertThat(store.get("claimed"))
        .hasValueSatisfying(
            held -> {
              assertThat(held.version()).isEqualTo(1);
              assertThat(held.value()).isEmpty();
            });
    assertThat(store.compareAndSet("claimed", 1, bytes("v2"), Duration.ofMinutes(1))).isTrue();
    assertThat(store.get("claimed").orElseThrow().version()).isEqualTo(2);
    assertThat(store.claim("claimed", Duration.ofMinutes(1))).isFalse();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void claimWhenReleasedOrExpiredThenItsEntryAndBytesAreGivenBack() {
    MemoryStore bounded = new MemoryStore(1_000, clock);
    bounded.claim("a", Duration.ofSeconds(1));
    bounded.claim("b", Duration.ofSeconds(1));
    assertThat(bounded.size()).isEqualTo(2);
    assertThat(bounded.bytes()).isEqualTo(2L * MemoryStore.CLAIM_BYTES);
    bounded.release("a");
    assertThat(bounded.size()).isEqualTo(1);
    expire(Duration.ofSeconds(1));
    assertThat(bounded.claim("b", Duration.ofSeconds(1))).isTrue();
    assertThat(bounded.size()).isEqualTo(1);
    assertThat(bounded.bytes()).isEqualTo(MemoryStore.CLAIM_BYTES);
  }

  @Test
  void claimAndCompareAndSetWhenThreadsRaceOnOneKeyThenExactlyOneWins() throws Exception {
    int threads = 8;
    for (int round = 0; round < 200; round++) {
      String key = "race-" + round;
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      java.util.concurrent.atomic.AtomicInteger wins =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.List<Thread> racers = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean claims = t % 2 == 0;
        Thread racer =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  boolean won =
                      claims
                          ? store.claim(key, Duration.ofMinutes(1))
                          : store.compareAndSet(key, 0, bytes("r"), Duration.ofMinutes(1));
                  if (won) {
                    wins.incrementAndGet();
                  }
                });
        racer.start();
        racers.add(racer);
      }
      for (Thread racer : racers) {
        racer.join();
      }
      assertThat(wins.get()).as("winners for %s", key).isEqualTo(1);
    }
  }

  @Test
  void claimWhenMillionsOfClaimsThenNoneIsLostAndEachIsHeldOnce() {
    MemoryStore large = new MemoryStore(2_000_000, clock);
    for (int i = 0; i < 1_000_000; i++) {
      assertThat(large.claim("challenge:" + i, Duration.ofMinutes(5))).isTrue();
    }
    for (int i = 0; i < 1_000_000; i += 7) {
      assertThat(large.claim("challenge:" + i, Duration.ofMinutes(5))).isFalse();
    }
    assertThat(large.size()).isEqualTo(1_000_000);
  }

  @Test
  void claimWhenTheByteBoundIsReachedThenFailsClosedAndHoldsNothing() {
    MemoryStore bounded = new MemoryStore(1_000, 2L * MemoryStore.CLAIM_BYTES, clock);
    assertThat(bounded.claim("a", Duration.ofMinutes(1))).isTrue();
    assertThat(bounded.claim("b", Duration.ofMinutes(1))).isTrue();
    assertThatThrownBy(() -> bounded.claim("c", Duration.ofMinutes(1)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(bounded.get("c")).isEmpty();
    assertThat(bounded.size()).isEqualTo(2);
    bounded.release("a");
    assertThat(bounded.claim("c", Duration.ofMinutes(1))).isTrue();
  }
}
