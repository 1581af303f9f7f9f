package io.mpp4j.store.jdbc;

import static io.mpp4j.core.testing.Outages.assertUnavailableWithin;
import static io.mpp4j.core.testing.Outages.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.testing.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failure behaviour when the database goes away, hangs, or was never there. */
class JdbcStoreOutageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final long BOUND_MILLIS = TIMEOUT.toMillis() + 1_000;
  private static final String TABLE = Postgres.uniqueTable();

  @BeforeAll
  static void requirePostgres() {
    Postgres.require();
  }

  @AfterAll
  static void dropTable() throws SQLException {
    Postgres.drop(TABLE);
  }

  @Test
  void claimWhenDatabaseGoneThenUnavailableWithinTimeoutAndRecoversWhenBack() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT).start();
        JdbcStore store = throughProxy(proxy)) {
      assertThat(store.claim(key(), Duration.ofMinutes(1))).isTrue();

      proxy.stop();
      assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, () -> store.get(key()));
      assertUnavailableWithin(
          BOUND_MILLIS, () -> store.compareAndSet(key(), 0, new byte[] {1}, Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, store::purgeExpired);

      proxy.start();
      String key = key();
      assertThat(eventually(() -> store.claim(key, Duration.ofMinutes(1)))).isTrue();
      assertThat(store.claim(key, Duration.ofMinutes(1))).isFalse();
    }
  }

  @Test
  void claimWhenDatabaseHangsThenUnavailableWithinTimeout() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT).start();
        JdbcStore store = throughProxy(proxy)) {
      assertThat(store.claim(key(), Duration.ofMinutes(1))).isTrue();
      proxy.freeze();
      assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, () -> store.get(key()));
    }
  }

  @Test
  void claimWhenNothingListensThenBuildSucceedsAndEveryCallFailsWithinTimeout() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    long start = System.nanoTime();
    try (JdbcStore store =
        JdbcStore.builder()
            .jdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/test")
            .username(Postgres.USER)
            .table(TABLE)
            .timeout(TIMEOUT)
            .build()) {
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .as("build while the database is down")
          .isLessThan(BOUND_MILLIS);
      assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, () -> store.release(key()));
    }
  }

  @Test
  void claimWhenServerAcceptsButNeverAnswersThenUnavailableWithinTimeout() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT).start()) {
      proxy.freeze();
      try (JdbcStore store = throughProxy(proxy)) {
        assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
      }
    }
  }

  private static JdbcStore throughProxy(TcpProxy proxy) {
    return JdbcStore.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
        .username(Postgres.USER)
        .table(TABLE)
        .timeout(TIMEOUT)
        .maximumPoolSize(2)
        .build();
  }

  private static String key() {
    return "outage:" + UUID.randomUUID();
  }
}
