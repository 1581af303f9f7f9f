package io.mpp4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreContract;
import io.mpp4j.core.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract against the shared PostgreSQL, plus schema, expiry and timeout behaviour. */
class JdbcStoreTest extends StoreContract {
  private static final String TABLE = Postgres.uniqueTable();
  private static final List<String> EXTRA_TABLES = new ArrayList<>();
  private static JdbcStore store;

  @BeforeAll
  static void createStore() {
    Postgres.require();
    store = Postgres.store(TABLE).noScheduledPurge().build();
  }

  @AfterAll
  static void dropTables() throws SQLException {
    if (store == null) {
      return;
    }
    store.close();
    Postgres.drop(TABLE);
    for (String table : EXTRA_TABLES) {
      Postgres.drop(table);
    }
  }

  @Override
  protected Store store() {
    return store;
  }

  private static String extraTable() {
    String table = Postgres.uniqueTable();
    EXTRA_TABLES.add(table);
    return table;
  }

  @Test
  void buildWhenTableMissingThenCreatesDocumentedSchema() throws SQLException {
    try (Connection connection = Postgres.connect();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, TABLE);
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
      assertThat(columns)
          .containsExactly(
              "store_key text",
              "store_value bytea",
              "version bigint",
              "expires_at timestamp with time zone");
    }
    assertThat(
            rowCount(
                "SELECT count(*) FROM pg_indexes WHERE indexname = ?", TABLE + "_expires_at_idx"))
        .isEqualTo(1);
  }

  @Test
  void claimWhenWonThenRowHoldsVersionOneAndExpiryFromDatabaseClock() throws SQLException {
    String key = key();
    assertThat(store.claim(key, Duration.ofSeconds(30))).isTrue();
    try (Connection connection = Postgres.connect();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT length(store_value), version,"
                    + " extract(epoch FROM expires_at - now()) FROM "
                    + TABLE
                    + " WHERE store_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
        assertThat(rs.getLong(2)).isEqualTo(1);
        assertThat(rs.getDouble(3)).isBetween(25.0, 30.0);
      }
    }
  }

  @Test
  void purgeExpiredWhenRowsExpiredThenDeletesOnlyThose() throws Exception {
    String live = key();
    String expired = key();
    store.claim(live, Duration.ofMinutes(1));
    store.compareAndSet(expired, 0, bytes("x"), Duration.ofMillis(100));
    expire(Duration.ofMillis(100));
    assertThat(rowsFor(expired)).isEqualTo(1);

    assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(1);

    assertThat(rowsFor(expired)).isZero();
    assertThat(rowsFor(live)).isEqualTo(1);
    assertThat(store.claim(live, Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void purgeWhenScheduledThenExpiredRowsDisappearWithoutACall() throws Exception {
    String table = extraTable();
    try (JdbcStore scheduled =
        Postgres.store(table).purgeInterval(Duration.ofMillis(200)).build()) {
      assertThat(scheduled.claim("short", Duration.ofMillis(100))).isTrue();
      assertThat(scheduled.claim("long", Duration.ofMinutes(1))).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (rowCount("SELECT count(*) FROM " + table + " WHERE store_key = ?", "short") > 0) {
        assertThat(System.nanoTime()).as("scheduled purge within 5 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(rowCount("SELECT count(*) FROM " + table + " WHERE store_key = ?", "long"))
          .isEqualTo(1);
      assertThat(
              Thread.getAllStackTraces().keySet().stream()
                  .filter(t -> t.getName().equals("mpp-store-jdbc-purge")))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    }
  }

  @Test
  void claimWhenManyThreadsRaceForAnExpiredRowThenExactlyOneTakesItOver() throws Exception {
    String key = key();
    assertThat(store.compareAndSet(key, 0, bytes("old"), Duration.ofMillis(100))).isTrue();
    expire(Duration.ofMillis(100));
    assertThat(rowsFor(key)).isEqualTo(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> store.claim(key, Duration.ofMinutes(1))));
      }
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get(key).orElseThrow().value()).isEmpty();
  }

  @Test
  void claimWhenRowLockedLongerThanTimeoutThenUnavailableWithinTimeout() throws Exception {
    String table = extraTable();
    try (JdbcStore fast = Postgres.store(table).timeout(Duration.ofSeconds(1)).build();
        Connection blocker = Postgres.connect()) {
      String key = key();
      fast.compareAndSet(key, 0, bytes("a"), Duration.ofMinutes(1));
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement("SELECT 1 FROM " + table + " WHERE store_key = ? FOR UPDATE")) {
        lock.setString(1, key);
        lock.executeQuery().close();
      }
      long start = System.nanoTime();
      assertThatThrownBy(() -> fast.compareAndSet(key, 1, bytes("b"), Duration.ofMinutes(1)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
      blocker.rollback();
      assertThat(fast.compareAndSet(key, 1, bytes("b"), Duration.ofMinutes(1))).isTrue();
    }
  }

  @Test
  void compareAndSetWhenDataSourceNotAutoCommitThenWritesAreCommitted() throws Exception {
    String table = extraTable();
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setURL(Postgres.URL);
    plain.setUser(Postgres.USER);
    javax.sql.DataSource manualCommit =
        (javax.sql.DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(plain, args);
                  if (result instanceof Connection connection) {
                    connection.setAutoCommit(false);
                  }
                  return result;
                });
    try (JdbcStore writer = JdbcStore.builder().dataSource(manualCommit).table(table).build();
        JdbcStore reader = Postgres.store(table).build()) {
      assertThat(writer.compareAndSet("k", 0, bytes("v"), Duration.ofMinutes(1))).isTrue();
      assertThat(writer.claim("c", Duration.ofMinutes(1))).isTrue();
      assertThat(reader.get("k").orElseThrow().value()).isEqualTo(bytes("v"));
      assertThat(reader.claim("c", Duration.ofMinutes(1))).isFalse();
    }
  }

  @Test
  void buildWhenManyInstancesStartTogetherThenSchemaIsCreatedOnce() throws Exception {
    String table = extraTable();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<JdbcStore>> starting = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starting.add(
            pool.submit(() -> Postgres.store(table).maximumPoolSize(1).noScheduledPurge().build()));
      }
      int winners = 0;
      for (Future<JdbcStore> future : starting) {
        try (JdbcStore instance = future.get(30, TimeUnit.SECONDS)) {
          winners += instance.claim("same", Duration.ofMinutes(1)) ? 1 : 0;
        }
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void buildWhenTableSchemaQualifiedThenUsesThatSchema() throws SQLException {
    String table = "public." + extraTable();
    try (JdbcStore qualified = Postgres.store(table).build()) {
      assertThat(qualified.claim("k", Duration.ofMinutes(1))).isTrue();
      assertThat(qualified.claim("k", Duration.ofMinutes(1))).isFalse();
    }
  }

  @Test
  void builderWhenTableNameIsNotAnIdentifierThenRejected() {
    assertThatThrownBy(() -> JdbcStore.builder().table("t; DROP TABLE users"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcStore.builder().table("\"quoted\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcStore.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                JdbcStore.builder()
                    .jdbcUrl(Postgres.URL)
                    .dataSource(new PGSimpleDataSource())
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void claimWhenTtlNotPositiveThenRejected() {
    assertThatThrownBy(() -> store.claim(key(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.compareAndSet(key(), 1, bytes("a"), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long rowsFor(String key) throws SQLException {
    return rowCount("SELECT count(*) FROM " + TABLE + " WHERE store_key = ?", key);
  }

  private static long rowCount(String query, String parameter) throws SQLException {
    try (Connection connection = Postgres.connect();
        PreparedStatement ps = connection.prepareStatement(query)) {
      ps.setString(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
