package io.mpp4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.store.StoreUnavailableException;
import io.mpp4j.core.testing.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
      assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithinBound(() -> store.get(key()));
      assertUnavailableWithinBound(
          () -> store.compareAndSet(key(), 0, new byte[] {1}, Duration.ofMinutes(1)));
      assertUnavailableWithinBound(store::purgeExpired);

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
      assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithinBound(() -> store.get(key()));
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
      assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithinBound(() -> store.release(key()));
    }
  }

  @Test
  void claimWhenServerAcceptsButNeverAnswersThenUnavailableWithinTimeout() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT).start()) {
      proxy.freeze();
      try (JdbcStore store = throughProxy(proxy)) {
        assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
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

  private static void assertUnavailableWithinBound(Runnable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call::run).isInstanceOf(StoreUnavailableException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .as("milliseconds until the failure surfaced")
        .isLessThan(BOUND_MILLIS);
  }

  private static <T> T eventually(Supplier<T> call) throws InterruptedException {
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

  private static String key() {
    return "outage:" + UUID.randomUUID();
  }
}
