package io.mpp4j.store.jdbc;

import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.LedgerUnavailableException;
import io.mpp4j.core.store.StoreUnavailableException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The payment {@link Ledger} in a PostgreSQL table shared by every instance of a server: one row
 * per payment, keyed by its challenge id ({@code INSERT ... ON CONFLICT DO NOTHING}, so an entry is
 * written once however many instances and retries record it), append-only (a trigger refuses
 * deletes and any update but the resolution of a pending row). The table, its indexes and the
 * trigger are created when missing (PostgreSQL 14 or newer); the DDL is in docs/operations.md.
 *
 * <pre>{@code
 * JdbcLedger ledger = JdbcLedger.builder().jdbcUrl("jdbc:postgresql://db:5432/app")
 *     .username("app").password(Secret.of(System.getenv("DB_PASSWORD"))).build();
 * Mpp mpp = Mpp.builder()...ledger(ledger).build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class JdbcLedger implements Ledger, AutoCloseable {
  /** Default table name. */
  public static final String DEFAULT_TABLE = "mpp_payments";

  private static final System.Logger LOG = System.getLogger(JdbcLedger.class.getName());

  private final DataSource dataSource;
  private final AutoCloseable ownedPool;
  private final LedgerSql sql;
  private final int queryTimeoutSeconds;
  private final SchemaInitializer schema;

  private JdbcLedger(
      Builder b, DataSource dataSource, AutoCloseable ownedPool, int queryTimeoutSeconds) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.sql = new LedgerSql(b.table);
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.schema = b.schema(dataSource, sql.ddl, queryTimeoutSeconds);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean record(LedgerEntry e) {
    return execute(
        sql.insertIfAbsent,
        ps -> {
          ps.setString(1, e.challengeId());
          ps.setTimestamp(2, Timestamp.from(e.createdAt()));
          setTime(ps, 3, e.resolvedAt());
          ps.setString(4, e.status().name());
          ps.setString(5, e.route());
          ps.setString(6, e.method());
          ps.setString(7, e.intent());
          ps.setBigDecimal(8, new BigDecimal(e.amount()));
          ps.setString(9, e.currency());
          ps.setString(10, e.payer());
          ps.setString(11, e.reference());
          ps.setString(12, e.idempotencyKey());
          ps.setString(13, e.detail());
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public boolean resolve(
      String challengeId, LedgerEntry.Status status, String reference, Instant at, String detail) {
    if (status == LedgerEntry.Status.PENDING) {
      throw new IllegalArgumentException("a payment resolves to SETTLED or FAILED");
    }
    return execute(
        sql.resolvePending,
        ps -> {
          ps.setString(1, status.name());
          ps.setString(2, reference);
          ps.setTimestamp(3, Timestamp.from(at));
          ps.setString(4, detail);
          ps.setString(5, challengeId);
          return ps.executeUpdate() == 1;
        });
  }

  @Override
  public List<LedgerEntry> query(LedgerQuery query) {
    StringBuilder where = new StringBuilder(" WHERE created_at >= ? AND created_at < ?");
    List<Object> args = new ArrayList<>(List.of(query.from(), query.to()));
    query.payer().ifPresent(p -> filter(where, args, "payer", p));
    query.route().ifPresent(r -> filter(where, args, "route", r));
    query.method().ifPresent(m -> filter(where, args, "method", m));
    query.status().ifPresent(s -> filter(where, args, "status", s.name()));
    String statement =
        sql.selectColumns + where + " ORDER BY created_at, challenge_id LIMIT " + query.limit();
    return execute(
        statement,
        ps -> {
          for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof Instant instant) {
              ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
              ps.setString(i + 1, (String) arg);
            }
          }
          return rows(ps);
        });
  }

  @Override
  public List<LedgerEntry> pending(Instant before, int limit) {
    return execute(
        sql.selectColumns
            + " WHERE status = 'PENDING' AND created_at < ? ORDER BY created_at LIMIT "
            + Math.max(1, limit),
        ps -> {
          ps.setTimestamp(1, Timestamp.from(before));
          return rows(ps);
        });
  }

  /** Closes the pool this ledger created (never a given one). */
  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the ledger's connection pool failed");
      }
    }
  }

  private static void filter(StringBuilder where, List<Object> args, String column, String value) {
    where.append(" AND ").append(column).append(" = ?");
    args.add(value);
  }

  private static List<LedgerEntry> rows(PreparedStatement ps) throws SQLException {
    List<LedgerEntry> entries = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp resolved = rs.getTimestamp(3);
        entries.add(
            new LedgerEntry(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                resolved == null ? null : resolved.toInstant(),
                LedgerEntry.Status.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBigDecimal(8).toBigIntegerExact(),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13)));
      }
    }
    return entries;
  }

  private static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setTimestamp(index, Timestamp.from(value));
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  private <T> T execute(String statement, Work<T> work) {
    try {
      schema.ensure();
    } catch (StoreUnavailableException e) {
      throw new LedgerUnavailableException("payment ledger unavailable", e);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(statement)) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      T result = work.run(ps);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      throw new LedgerUnavailableException("payment ledger unavailable", e);
    }
  }

  /**
   * Configures a {@link JdbcLedger}: either a {@link DataSource} (e.g. the one a {@link JdbcStore}
   * uses) or a JDBC URL is required; the table is {@value #DEFAULT_TABLE} and the pool created for
   * a URL holds 5 connections by default.
   */
  public static final class Builder extends JdbcBuilder<Builder> {
    private Builder() {
      super(5, DEFAULT_TABLE, LedgerSql::new);
    }

    /** Builds the ledger; a database that is down fails the first operation, not the build. */
    public JdbcLedger build() {
      int queryTimeout = queryTimeoutSeconds();
      if (dataSource != null) {
        return new JdbcLedger(this, dataSource, null, queryTimeout);
      }
      DataSource pool = createPool();
      return new JdbcLedger(this, pool, (AutoCloseable) pool, queryTimeout + 1);
    }
  }
}
