package io.mpp4j.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreContract;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against the shared Redis at 127.0.0.1:6379, plus its key layout. */
class RedisStoreTest extends StoreContract {
  private static final String PREFIX = "mpp-test:" + UUID.randomUUID() + ":";
  private static RedisStore store;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> rawConnection;

  @BeforeAll
  static void connect() throws InterruptedException {
    RedisServer.requireShared();
    store =
        RedisServer.awaitConnected(
            RedisStore.builder().uri(sharedUri(0)).keyPrefix(PREFIX).build());
    raw = RedisClient.create(sharedUri(0));
    rawConnection = raw.connect();
  }

  @AfterAll
  static void disconnect() {
    if (rawConnection == null) {
      return;
    }
    RedisCommands<String, String> commands = rawConnection.sync();
    for (String key : commands.keys(PREFIX + "*")) {
      commands.del(key);
    }
    rawConnection.close();
    raw.shutdown();
    store.close();
  }

  @Override
  protected Store store() {
    return store;
  }

  static String sharedUri(int db) {
    return "redis://" + RedisServer.SHARED_HOST + ":" + RedisServer.SHARED_PORT + "/" + db;
  }

  @Test
  void claimWhenWonThenKeyIsPrefixedEmptyAndExpiresWithTtl() {
    String key = "challenge:" + UUID.randomUUID();
    assertThat(store.claim(key, Duration.ofSeconds(30))).isTrue();
    RedisCommands<String, String> commands = rawConnection.sync();
    assertThat(commands.get(PREFIX + key)).isEmpty();
    assertThat(commands.pttl(PREFIX + key)).isBetween(25_000L, 30_000L);
  }

  @Test
  void compareAndSetWhenWrittenThenOneKeyHoldsVersionAndValueWithTtl() {
    String key = "session:" + UUID.randomUUID();
    assertThat(store.compareAndSet(key, 0, bytes("hello"), Duration.ofSeconds(30))).isTrue();
    assertThat(store.compareAndSet(key, 1, bytes("world"), Duration.ofSeconds(60))).isTrue();
    RedisCommands<String, String> commands = rawConnection.sync();
    assertThat(commands.get(PREFIX + key)).isEqualTo("2:world");
    assertThat(commands.pttl(PREFIX + key)).isBetween(55_000L, 60_000L);
  }

  @Test
  void compareAndSetWhenValueIsBinaryThenRoundTripsExactly() {
    String key = key();
    byte[] value = new byte[256];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    assertThat(store.compareAndSet(key, 0, value, Duration.ofSeconds(30))).isTrue();
    assertThat(store.get(key).orElseThrow().value()).isEqualTo(value);
  }

  @Test
  void getWhenKeyOnlyClaimedThenVersionOneWithoutBytes() {
    String key = key();
    store.claim(key, Duration.ofSeconds(30));
    StoreRecord record = store.get(key).orElseThrow();
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.value()).isEmpty();
    assertThat(store.compareAndSet(key, 0, bytes("x"), Duration.ofSeconds(30))).isFalse();
    assertThat(store.compareAndSet(key, 1, bytes("x"), Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void getWhenKeyHoldsForeignDataThenStoreUnavailable() {
    String key = key();
    rawConnection.sync().set(PREFIX + key, "not a record");
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.compareAndSet(key, 1, bytes("x"), Duration.ofSeconds(1)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void claimWhenDatabaseSelectedInUriThenKeyLivesInThatDatabase() {
    String key = key();
    try (RedisStore db3 = RedisStore.builder().uri(sharedUri(3)).keyPrefix(PREFIX).build()) {
      assertThat(db3.claim(key, Duration.ofSeconds(30))).isTrue();
      assertThat(store.claim(key, Duration.ofSeconds(30))).isTrue();
      assertThat(db3.claim(key, Duration.ofSeconds(30))).isFalse();
      db3.release(key);
    }
  }

  @Test
  void claimWhenKeyPrefixesDifferThenNamespacesAreIndependent() {
    String key = key();
    try (RedisStore other =
        RedisStore.builder().uri(sharedUri(0)).keyPrefix(PREFIX + "x:").build()) {
      assertThat(store.claim(key, Duration.ofSeconds(30))).isTrue();
      assertThat(other.claim(key, Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void claimWhenStoreClosedThenStoreUnavailable() {
    RedisStore closed = RedisStore.builder().uri(sharedUri(0)).keyPrefix(PREFIX).build();
    assertThat(closed.claim(key(), Duration.ofSeconds(30))).isTrue();
    closed.close();
    assertThatThrownBy(() -> closed.claim(key(), Duration.ofSeconds(30)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void claimWhenTtlNotPositiveThenRejected() {
    assertThatThrownBy(() -> store.claim(key(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.compareAndSet(key(), 0, bytes("a"), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildWhenNoUriOrClusterWithDatabaseThenRejected() {
    assertThatThrownBy(() -> RedisStore.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStore.builder().uri(sharedUri(2)).cluster(true).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStore.builder().uri("http://example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisStore.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
