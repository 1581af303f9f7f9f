package io.mpp4j.store.jdbc;

import io.mpp4j.core.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The settings {@link JdbcStore.Builder} and {@link JdbcLedger.Builder} share: where connections
 * come from (a given {@link DataSource}, or a HikariCP pool created for a JDBC URL), the table, the
 * timeout, and whether the schema is created.
 *
 * @param <B> the builder itself, returned by every setter
 */
abstract class JdbcBuilder<B extends JdbcBuilder<B>> {
  DataSource dataSource;
  String jdbcUrl;
  String username;
  Secret password;
  int maximumPoolSize;
  String table;
  Duration timeout = JdbcStore.DEFAULT_TIMEOUT;
  boolean createSchema = true;
  private final Consumer<String> tableCheck;

  JdbcBuilder(int maximumPoolSize, String table, Consumer<String> tableCheck) {
    this.maximumPoolSize = maximumPoolSize;
    this.table = table;
    this.tableCheck = tableCheck;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * An existing pool, never closed by what is built. Configure its connection timeout yourself:
   * statements are bounded, not how long the pool makes them wait for a connection.
   */
  public B dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return self();
  }

  /** A JDBC URL for which a HikariCP pool is created (and closed with what is built). */
  public B jdbcUrl(String jdbcUrl) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    return self();
  }

  public B username(String username) {
    this.username = Objects.requireNonNull(username, "username");
    return self();
  }

  public B password(Secret password) {
    this.password = Objects.requireNonNull(password, "password");
    return self();
  }

  /** Size of the pool created for {@link #jdbcUrl} (10 for a store, 5 for a ledger by default). */
  public B maximumPoolSize(int maximumPoolSize) {
    if (maximumPoolSize < 1) {
      throw new IllegalArgumentException("maximumPoolSize must be positive");
    }
    this.maximumPoolSize = maximumPoolSize;
    return self();
  }

  /** Table name, optionally schema-qualified. */
  public B table(String table) {
    this.table = Objects.requireNonNull(table, "table");
    tableCheck.accept(table);
    return self();
  }

  /**
   * Bound on each statement and on waiting for a connection from the pool created for a JDBC URL (2
   * seconds by default). JDBC statement timeouts have whole-second precision, so it is rounded up.
   */
  public B timeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeout = timeout;
    return self();
  }

  /** Whether to create the table and what it needs when missing (true by default). */
  public B createSchema(boolean createSchema) {
    this.createSchema = createSchema;
    return self();
  }

  /** The statement timeout in whole seconds, after checking that one connection source is set. */
  int queryTimeoutSeconds() {
    if ((dataSource == null) == (jdbcUrl == null)) {
      throw new IllegalStateException("exactly one of dataSource or jdbcUrl is required");
    }
    return (int) JdbcStore.seconds(timeout);
  }

  /** Creates the schema (when enabled) through {@code dataSource} with these settings. */
  SchemaInitializer schema(DataSource dataSource, List<String> ddl, int queryTimeoutSeconds) {
    return new SchemaInitializer(
        dataSource, ddl, table, timeout, queryTimeoutSeconds, createSchema);
  }

  /** The pool created for {@link #jdbcUrl}. */
  DataSource createPool() {
    return HikariPools.create(jdbcUrl, username, password, maximumPoolSize, timeout);
  }
}
