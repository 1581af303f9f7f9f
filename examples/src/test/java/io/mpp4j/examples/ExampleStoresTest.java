package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.store.jdbc.JdbcStore;
import io.mpp4j.store.redis.RedisStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExampleStoresTest {
  private static final Duration TTL = Duration.ofMinutes(1);

  @Test
  void fromEnvironmentWhenUnsetOrMemoryThenMemoryStore() {
    assertThat(ExampleStores.fromEnvironment(Map.of())).isInstanceOf(MemoryStore.class);
    assertThat(ExampleStores.fromEnvironment(Map.of("MPP_STORE", " Memory ")))
        .isInstanceOf(MemoryStore.class);
  }

  @Test
  void fromEnvironmentWhenRedisUriThenClaimsLandInThatDatabase() throws Exception {
    Backends.requireRedis();
    String key = "example-stores-test:" + UUID.randomUUID();
    Store store =
        ExampleStores.fromEnvironment(
            Map.of("MPP_STORE", "redis://" + Backends.HOST + ":" + Backends.REDIS_PORT + "/3"));
    try (RedisStore redis = (RedisStore) store) {
      assertThat(Backends.awaitAvailable(redis).claim(key, TTL)).isTrue();

      assertThat(Backends.redisCli("-n", "3", "EXISTS", "mpp:" + key).trim()).isEqualTo("1");
      assertThat(Backends.redisCli("-n", "0", "EXISTS", "mpp:" + key).trim()).isEqualTo("0");
      redis.release(key);
    }
  }

  @Test
  void fromEnvironmentWhenPostgresUrlThenTableInThatDatabaseAsThatUser() throws Exception {
    Backends.requirePostgres();
    String schema = Backends.uniqueTable();
    try (Connection connection = Backends.postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      try {
        Store store =
            ExampleStores.fromEnvironment(
                Map.of(
                    "MPP_STORE",
                    Backends.POSTGRES_URL + "?currentSchema=" + schema,
                    "MPP_STORE_USER",
                    Backends.POSTGRES_USER,
                    "MPP_STORE_PASSWORD",
                    "unused-with-trust-authentication"));
        try (JdbcStore jdbc = (JdbcStore) store) {
          assertThat(jdbc.claim("challenge:abc", TTL)).isTrue();
          assertThat(jdbc.claim("challenge:abc", TTL)).isFalse();
        }
        try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT count(*) FROM " + schema + ".mpp_store WHERE store_key = ?");
            ResultSet rows = query(select, "challenge:abc")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(1);
        }
      } finally {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mongodb://app:hunter2@db:27017",
        "hunter2",
        "redis://",
        "redis://:hunter2@cache:notaport",
        "redis://:hunter2@cache:99999",
        "redis://:hunter2@cache:6379/zero",
        "jdbc:mysql://db/app?password=hunter2",
        "jdbc:postgresql://db:port/app?password=hunter2"
      })
  void fromEnvironmentWhenValueInvalidThenClearErrorWithoutItsSecrets(String value) {
    assertThatThrownBy(() -> ExampleStores.fromEnvironment(Map.of("MPP_STORE", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MPP_STORE")
        .hasMessageContaining("redis://host:port[/db]")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("hunter2");
  }

  private static ResultSet query(PreparedStatement select, String key) throws Exception {
    select.setString(1, key);
    return select.executeQuery();
  }
}
