package io.mpp4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerContract;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.LedgerUnavailableException;
import io.mpp4j.core.testing.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger contract against the shared PostgreSQL, plus append-only and outage behaviour. */
class JdbcLedgerTest extends LedgerContract {
  private static final List<String> TABLES = new ArrayList<>();
  private static final List<JdbcLedger> LEDGERS = new ArrayList<>();

  @BeforeAll
  static void requireDatabase() {
    Postgres.require();
  }

  @AfterAll
  static void dropTables() throws SQLException {
    LEDGERS.forEach(JdbcLedger::close);
    try (Connection connection = Postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute("DROP TABLE IF EXISTS " + table);
        statement.execute("DROP FUNCTION IF EXISTS " + table + "_append_only()");
      }
    }
  }

  private static JdbcLedger create(String table) {
    TABLES.add(table);
    JdbcLedger ledger =
        JdbcLedger.builder()
            .jdbcUrl(Postgres.URL)
            .username(Postgres.USER)
            .table(table)
            .maximumPoolSize(4)
            .build();
    LEDGERS.add(ledger);
    return ledger;
  }

  @Override
  protected Ledger ledger() {
    return create(Postgres.uniqueTable());
  }

  @Test
  void tableWhenRowsAreDeletedOrPaidAmountsChangedThenTheDatabaseRefuses() throws SQLException {
    String table = Postgres.uniqueTable();
    Ledger ledger = create(table);
    ledger.record(entry("settled", T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a"));
    ledger.record(entry("pending", T0, LedgerEntry.Status.PENDING, "did:a", "GET /a"));

    try (Connection connection = Postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(
              () -> statement.execute("DELETE FROM " + table + " WHERE challenge_id = 'settled'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "UPDATE " + table + " SET status = 'FAILED' WHERE challenge_id = 'settled'"))
          .hasMessageContaining("only a pending payment");
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "UPDATE " + table + " SET amount = 1 WHERE challenge_id = 'pending'"))
          .hasMessageContaining("only a pending payment");
    }
    assertThat(ledger.query(LedgerQuery.between(T0, T0.plusSeconds(1)).build())).hasSize(2);
  }

  @Test
  void twoInstancesWhenBothRecordThePaymentThenOneRow() {
    String table = Postgres.uniqueTable();
    Ledger first = create(table);
    JdbcLedger second =
        JdbcLedger.builder().jdbcUrl(Postgres.URL).username(Postgres.USER).table(table).build();
    LEDGERS.add(second);

    boolean a = first.record(entry("shared", T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a"));
    boolean b = second.record(entry("shared", T0, LedgerEntry.Status.SETTLED, "did:a", "GET /a"));

    assertThat(List.of(a, b)).containsExactlyInAnyOrder(true, false);
    assertThat(second.query(LedgerQuery.between(T0, T0.plusSeconds(1)).build())).hasSize(1);
  }

  @Test
  void recordWhenDatabaseUnreachableThenLedgerUnavailableWithinTheTimeout() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT).start()) {
      String table = Postgres.uniqueTable();
      JdbcLedger ledger =
          JdbcLedger.builder()
              .jdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
              .username(Postgres.USER)
              .table(table)
              .timeout(Duration.ofSeconds(1))
              .build();
      TABLES.add(table);
      LEDGERS.add(ledger);
      ledger.record(entry("before", T0, LedgerEntry.Status.SETTLED, null, "GET /a"));
      proxy.stop();

      long started = System.nanoTime();
      assertThatThrownBy(
              () -> ledger.record(entry("during", T0, LedgerEntry.Status.SETTLED, null, "GET /a")))
          .isInstanceOf(LedgerUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
