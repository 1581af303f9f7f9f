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
  void claimWhenFullOfExpiredEntriesThenPurgesAndAccepts() {
    MemoryStore small = new MemoryStore(2, clock);
    small.claim("a", Duration.ofSeconds(1));
    small.claim("b", Duration.ofSeconds(1));
    expire(Duration.ofSeconds(1));
    assertThat(small.claim("c", Duration.ofMinutes(1))).isTrue();
    assertThat(small.size()).isEqualTo(1);
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
}
