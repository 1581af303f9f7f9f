package io.mpp4j.store.jdbc;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link Store} in a PostgreSQL table, shared by every instance of a server, so that a challenge,
 * transaction hash or payment token is accepted once across the fleet (draft-httpauth-payment-00
 * §5.1.1: servers MUST reject already-used challenge ids).
 *
 * <p>A claim is {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now()} (an expired
 * row can be claimed again) and wins when it touched a row; compare-and-set is the same insert for
 * version 0 and an {@code UPDATE ... WHERE version = ?} otherwise, so concurrent writers never lose
 * an update. Reads ignore expired rows; {@link #purgeExpired()} deletes them, by default every five
 * minutes on a daemon thread. The table is created if missing. Every SQL failure, including a
 * statement exceeding the timeout, surfaces as {@link StoreUnavailableException}, and the engine
 * then fails closed.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder().jdbcUrl("jdbc:postgresql://db:5432/app")
 *     .username("app").password(Secret.of(System.getenv("DB_PASSWORD"))).build();
 * }</pre>
 */
public final class JdbcStore implements Store, AutoCloseable {
  /** Default table name. */
  public static final String DEFAULT_TABLE = "mpp_store";

  /** Default bound on acquiring a pooled connection and on each statement. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Default interval of the scheduled purge of expired rows. */
  public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(JdbcStore.class.getName());
  private static final byte[] CLAIM = new byte[0];
  private static final int PURGE_BATCH = 10_000;

  private final DataSource dataSource;
  private final AutoCloseable ownedPool;
  private final PostgresSql sql;
  private final int queryTimeoutSeconds;
  private final SchemaInitializer schema;
  private final ExpiredRowPurger purger;

  private JdbcStore(
      Builder b, DataSource dataSource, AutoCloseable ownedPool, int queryTimeoutSeconds) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.sql = new PostgresSql(b.table);
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.schema =
        b.schema(dataSource, List.of(sql.createTable, sql.createIndex), queryTimeoutSeconds);
    this.purger = b.purgeInterval == null ? null : new ExpiredRowPurger(this, b.purgeInterval);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    return insertIfAbsentOrExpired(key, CLAIM, ttl);
  }

  @Override
  public void release(String key) {
    delete(key);
  }

  @Override
  public Optional<StoreRecord> get(String key) {
    Objects.requireNonNull(key, "key");
    return execute(
        sql.select,
        ps -> {
          ps.setString(1, key);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(new StoreRecord(rs.getBytes(1), rs.getLong(2)))
                : Optional.empty();
          }
        });
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative");
    }
    if (expectedVersion == 0) {
      return insertIfAbsentOrExpired(key, value, ttl);
    }
    Objects.requireNonNull(key, "key");
    long millis = millis(ttl);
    return execute(
        sql.updateIfVersion,
        ps -> {
          ps.setBytes(1, value);
          ps.setLong(2, millis);
          ps.setString(3, key);
          ps.setLong(4, expectedVersion);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public void delete(String key) {
    Objects.requireNonNull(key, "key");
    execute(
        sql.delete,
        ps -> {
          ps.setString(1, key);
          return ps.executeUpdate();
        });
  }

  /**
   * Deletes expired rows in batches; expired rows are already invisible, this only reclaims space.
   *
   * @return the number of rows deleted
   */
  public long purgeExpired() {
    long total = 0;
    int deleted;
    do {
      deleted =
          execute(
              sql.purgeBatch,
              ps -> {
                ps.setInt(1, PURGE_BATCH);
                return ps.executeUpdate();
              });
      total += deleted;
    } while (deleted == PURGE_BATCH);
    return total;
  }

  /** Stops the scheduled purge and closes the pool this store created (never a given one). */
  @Override
  public void close() {
    if (purger != null) {
      purger.close();
    }
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the store's connection pool failed");
      }
    }
  }

  private boolean insertIfAbsentOrExpired(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    long millis = millis(ttl);
    return execute(
        sql.insertIfAbsentOrExpired,
        ps -> {
          ps.setString(1, key);
          ps.setBytes(2, value);
          ps.setLong(3, millis);
          return ps.executeUpdate() == 1;
        });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  private <T> T execute(String statement, Work<T> work) {
    schema.ensure();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try (PreparedStatement ps = connection.prepareStatement(statement)) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        T result = work.run(ps);
        if (!autoCommit) {
          connection.commit();
        }
        return result;
      } catch (SQLException e) {
        if (!autoCommit) {
          connection.rollback();
        }
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreUnavailableException("jdbc store unavailable", e);
    }
  }

  static long seconds(Duration timeout) {
    return Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  private static long millis(Duration ttl) {
    if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return Math.max(1, ttl.toMillis());
  }

  /**
   * Configures a {@link JdbcStore}: either a {@link DataSource} or a JDBC URL is required; the
   * table is {@value #DEFAULT_TABLE} and the pool created for a URL holds 10 connections by
   * default.
   */
  public static final class Builder extends JdbcBuilder<Builder> {
    private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;

    private Builder() {
      super(10, DEFAULT_TABLE, PostgresSql::new);
    }

    /** Interval of the background purge of expired rows (5 minutes by default). */
    public Builder purgeInterval(Duration purgeInterval) {
      if (Objects.requireNonNull(purgeInterval, "purgeInterval").isNegative()
          || purgeInterval.isZero()) {
        throw new IllegalArgumentException("purgeInterval must be positive");
      }
      this.purgeInterval = purgeInterval;
      return this;
    }

    /** No background purge; call {@link JdbcStore#purgeExpired()} yourself (e.g. from a job). */
    public Builder noScheduledPurge() {
      this.purgeInterval = null;
      return this;
    }

    /**
     * Builds the store and tries to create the schema. Building does not fail because the database
     * is down: operations then fail with {@link StoreUnavailableException}, and the first one that
     * reaches the database creates the schema.
     */
    public JdbcStore build() {
      JdbcStore store;
      int queryTimeout = queryTimeoutSeconds();
      if (dataSource != null) {
        store = new JdbcStore(this, dataSource, null, queryTimeout);
      } else {
        DataSource pool = createPool();
        // PostgreSQL pools get a server-side statement timeout; the JDBC one is only a backstop
        // (its cancel needs a second connection, which blocks when the server hangs)
        int backstop = HikariPools.isPostgres(jdbcUrl) ? queryTimeout + 1 : queryTimeout;
        store = new JdbcStore(this, pool, (AutoCloseable) pool, backstop);
      }
      try {
        store.schema.ensure();
      } catch (StoreUnavailableException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "payment store table not created yet (database unavailable); retrying on first use");
      }
      if (store.purger != null) {
        store.purger.start();
      }
      return store;
    }
  }
}
