package io.mpp4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import io.mpp4j.store.jdbc.JdbcStore;
import io.mpp4j.store.redis.RedisServer;
import io.mpp4j.store.redis.RedisStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Redis ({@code 127.0.0.1:6379}) and PostgreSQL ({@code 127.0.0.1:5432}, database {@code test},
 * user {@code postgres}, trust authentication) of the development and CI machines. Tests that need
 * them fail with a clear message when they are not there; none is skipped.
 */
final class Backends {
  static final String HOST = "127.0.0.1";
  static final int REDIS_PORT = 6379;
  static final String REDIS_URI = "redis://" + HOST + ":" + REDIS_PORT + "/0";
  static final int POSTGRES_PORT = 5432;
  static final String POSTGRES_URL = "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/test";
  static final String POSTGRES_USER = "postgres";

  private Backends() {}

  static void requireRedis() {
    if (!RedisServer.ping(HOST, REDIS_PORT)) {
      fail(
          "Redis is not reachable at "
              + HOST
              + ":"
              + REDIS_PORT
              + "; the multi-instance tests need a real Redis there (e.g. `redis-server"
              + " --daemonize yes`)");
    }
  }

  static void requirePostgres() {
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    } catch (SQLException e) {
      fail(
          "PostgreSQL is not reachable at "
              + POSTGRES_URL
              + " as user "
              + POSTGRES_USER
              + " (trust authentication); the multi-instance tests need a real server there: "
              + e.getMessage());
    }
  }

  /** A Redis key prefix no other test run uses. */
  static String uniquePrefix() {
    return "mpp-example-test:" + UUID.randomUUID() + ":";
  }

  /** A table name no other test run uses. */
  static String uniqueTable() {
    return "mpp_example_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static RedisStore redisStore(String uri, String prefix, Duration timeout) {
    return RedisStore.builder().uri(uri).keyPrefix(prefix).timeout(timeout).build();
  }

  static JdbcStore postgresStore(String url, String table, Duration timeout) {
    return JdbcStore.builder()
        .jdbcUrl(url)
        .username(POSTGRES_USER)
        .table(table)
        .timeout(timeout)
        .maximumPoolSize(4)
        .noScheduledPurge()
        .build();
  }

  /** Waits until a new store answers (its client connects in the background). */
  static <S extends Store> S awaitAvailable(S store) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        store.get("availability-probe");
        return store;
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the store did not become available within 15 s", e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** The keys under {@code prefix} (no glob characters) in the shared Redis, without it. */
  static List<String> redisKeys(String prefix) throws Exception {
    String output = redisCli("--scan", "--pattern", prefix + "*");
    List<String> keys = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(prefix)) {
        keys.add(line.substring(prefix.length()));
      }
    }
    return keys;
  }

  static void deleteRedisKeys(String prefix) throws Exception {
    for (String key : redisKeys(prefix)) {
      redisCli("DEL", prefix + key);
    }
  }

  /** The live (unexpired) keys of a store table in the shared PostgreSQL. */
  static List<String> postgresKeys(String table) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection connection = postgres();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT store_key FROM " + table + " WHERE expires_at > now() ORDER BY 1");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  static void dropTable(String table) throws SQLException {
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  static void dropFunction(String signature) throws SQLException {
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP FUNCTION IF EXISTS " + signature);
    }
  }

  static Connection postgres() throws SQLException {
    return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
  }

  static String redisCli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", HOST, "-p", "" + REDIS_PORT));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run redis-cli (is it installed and on PATH?)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
