package io.mpp4j.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two stores with their own clients stand for two server instances sharing one Redis. */
class RedisStoreSharingTest {
  private static final int KEYS = 10_000;
  private static final Duration TTL = Duration.ofMinutes(1);

  @BeforeAll
  static void requireRedis() {
    RedisServer.requireShared();
  }

  @Test
  void claimWhenTenThousandKeysClaimedOnOneInstanceThenEveryOneIsTakenOnTheOther()
      throws InterruptedException {
    String prefix = "mpp-test:" + UUID.randomUUID() + ":";
    try (RedisStore first = instance(prefix);
        RedisStore second = instance(prefix)) {
      int wonFirst = 0;
      for (int i = 0; i < KEYS; i++) {
        wonFirst += first.claim("tx:" + i, TTL) ? 1 : 0;
      }
      int wonSecond = 0;
      for (int i = 0; i < KEYS; i++) {
        wonSecond += second.claim("tx:" + i, TTL) ? 1 : 0;
      }
      assertThat(wonFirst).isEqualTo(KEYS);
      assertThat(wonSecond).isZero();

      for (int i = 0; i < KEYS; i += 2) {
        second.release("tx:" + i);
      }
      int reclaimed = 0;
      for (int i = 0; i < KEYS; i++) {
        reclaimed += first.claim("tx:" + i, TTL) ? 1 : 0;
      }
      assertThat(reclaimed).isEqualTo(KEYS / 2);
      for (int i = 0; i < KEYS; i++) {
        first.release("tx:" + i);
      }
    }
  }

  @Test
  void compareAndSetWhenInstancesAlternateThenEachSeesTheOthersVersion()
      throws InterruptedException {
    String prefix = "mpp-test:" + UUID.randomUUID() + ":";
    try (RedisStore first = instance(prefix);
        RedisStore second = instance(prefix)) {
      assertThat(first.compareAndSet("session", 0, new byte[] {1}, TTL)).isTrue();
      assertThat(second.get("session").orElseThrow().version()).isEqualTo(1);
      assertThat(second.compareAndSet("session", 1, new byte[] {2}, TTL)).isTrue();
      assertThat(first.compareAndSet("session", 1, new byte[] {3}, TTL)).isFalse();
      assertThat(first.get("session").orElseThrow().value()).containsExactly(2);
      first.delete("session");
      assertThat(second.get("session")).isEmpty();
    }
  }

  private static RedisStore instance(String prefix) throws InterruptedException {
    return RedisServer.awaitConnected(
        RedisStore.builder().uri(RedisStoreTest.sharedUri(0)).keyPrefix(prefix).build());
  }
}
