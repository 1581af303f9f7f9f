package io.mpp4j.store.jdbc;

import io.mpp4j.core.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Creates a table and its indexes once, retrying on later calls while the database is unreachable.
 * Instances starting together are serialised by a transaction-scoped advisory lock, because
 * concurrent {@code CREATE TABLE IF NOT EXISTS} can still fail in PostgreSQL.
 */
final class SchemaInitializer {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";

  private final DataSource dataSource;
  private final List<String> ddl;
  private final String table;
  private final Duration timeout;
  private final int queryTimeoutSeconds;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean ready;

  SchemaInitializer(
      DataSource dataSource,
      List<String> ddl,
      String table,
      Duration timeout,
      int queryTimeoutSeconds,
      boolean enabled) {
    this.dataSource = dataSource;
    this.ddl = List.copyOf(ddl);
    this.table = table;
    this.timeout = timeout;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.ready = !enabled;
  }

  void ensure() {
    if (ready) {
      return;
    }
    try {
      if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new StoreUnavailableException("jdbc store schema is being created");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while creating the jdbc store schema", e);
    }
    try {
      if (!ready) {
        create();
        ready = true;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("jdbc store schema could not be created", e);
    } finally {
      lock.unlock();
    }
  }

  private void create() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement advisory = connection.prepareStatement(LOCK)) {
          advisory.setQueryTimeout(queryTimeoutSeconds);
          advisory.setString(1, table);
          advisory.execute();
        }
        for (String statement : ddl) {
          try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.execute();
          }
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }
}
