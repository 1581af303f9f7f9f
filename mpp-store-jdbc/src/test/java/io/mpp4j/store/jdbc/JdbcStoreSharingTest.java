package io.mpp4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two stores with their own pools stand for two server instances sharing one database. */
class JdbcStoreSharingTest {
  private static final int KEYS = 10_000;
  private static final int THREADS = 8;
  private static final Duration TTL = Duration.ofMinutes(1);
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
  void claimWhenTenThousandKeysClaimedOnOneInstanceThenEveryOneIsTakenOnTheOther()
      throws Exception {
    try (JdbcStore first = Postgres.store(TABLE).maximumPoolSize(THREADS).build();
        JdbcStore second = Postgres.store(TABLE).maximumPoolSize(THREADS).build()) {
      assertThat(count(i -> first.claim("tx:" + i, TTL))).isEqualTo(KEYS);
      assertThat(count(i -> second.claim("tx:" + i, TTL))).isZero();
      assertThat(count(i -> second.get("tx:" + i).isPresent())).isEqualTo(KEYS);
    }
  }

  @Test
  void compareAndSetWhenInstancesAlternateThenEachSeesTheOthersVersion() {
    try (JdbcStore first = Postgres.store(TABLE).build();
        JdbcStore second = Postgres.store(TABLE).build()) {
      assertThat(first.compareAndSet("session", 0, new byte[] {1}, TTL)).isTrue();
      assertThat(second.get("session").orElseThrow().version()).isEqualTo(1);
      assertThat(second.compareAndSet("session", 1, new byte[] {2}, TTL)).isTrue();
      assertThat(first.compareAndSet("session", 1, new byte[] {3}, TTL)).isFalse();
      assertThat(first.get("session").orElseThrow().value()).containsExactly(2);
      first.delete("session");
      assertThat(second.get("session")).isEmpty();
    }
  }

  /** How many of the keys 0..KEYS-1 satisfy {@code call}, spread over a few threads. */
  private static int count(IntPredicate call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        parts.add(
            pool.submit(
                () -> {
                  int n = 0;
                  for (int i = first; i < KEYS; i += THREADS) {
                    n += call.test(i) ? 1 : 0;
                  }
                  return n;
                }));
      }
      int total = 0;
      for (Future<Integer> part : parts) {
        total += part.get(60, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
