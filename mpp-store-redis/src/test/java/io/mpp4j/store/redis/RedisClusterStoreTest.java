package io.mpp4j.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against a three-master Redis Cluster started by the test. */
class RedisClusterStoreTest extends StoreContract {
  private static List<RedisServer> nodes;
  private static RedisStore store;

  @BeforeAll
  static void startCluster() throws Exception {
    nodes = RedisServer.startCluster(3);
    store =
        RedisServer.awaitConnected(
            RedisStore.builder()
                .uri(nodes.get(0).uri())
                .uri(nodes.get(1).uri())
                .keyPrefix("mpp-test:")
                .build());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (store != null) {
      store.close();
    }
    if (nodes != null) {
      for (RedisServer node : nodes) {
        node.close();
      }
    }
  }

  @Override
  protected Store store() {
    return store;
  }

  @Test
  void claimWhenKeysSpreadOverEverySlotOwnerThenEachKeyIsSingleUse() {
    for (int i = 0; i < 300; i++) {
      assertThat(store.claim("spread:" + i, Duration.ofMinutes(1))).isTrue();
    }
    for (int i = 0; i < 300; i++) {
      assertThat(store.claim("spread:" + i, Duration.ofMinutes(1))).isFalse();
    }
  }

  @Test
  void compareAndSetWhenClusterFlagWithOneSeedThenDiscoversOtherNodes() throws Exception {
    try (RedisStore oneSeed =
        RedisServer.awaitConnected(
            RedisStore.builder()
                .uri(nodes.get(2).uri())
                .cluster(true)
                .keyPrefix("mpp-test:")
                .build())) {
      for (int i = 0; i < 50; i++) {
        assertThat(oneSeed.compareAndSet("seed:" + i, 0, new byte[] {7}, Duration.ofMinutes(1)))
            .isTrue();
        assertThat(store.get("seed:" + i).orElseThrow().value()).containsExactly(7);
      }
    }
  }
}
