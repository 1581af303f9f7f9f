package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Two instances sharing one table, of this test's own, in the PostgreSQL at 127.0.0.1:5432. */
class PostgresSharedInstancesTest extends SharedStoreInstancesTest {
  private final String table = Backends.uniqueTable();

  @BeforeAll
  static void requirePostgres() {
    Backends.requirePostgres();
  }

  @AfterEach
  void dropTable() throws Exception {
    Backends.dropTable(table);
  }

  @Override
  Store newClient() throws Exception {
    return Backends.awaitAvailable(
        Backends.postgresStore(Backends.POSTGRES_URL, table, Duration.ofSeconds(2)));
  }

  @Override
  List<String> storedKeys() throws Exception {
    return Backends.postgresKeys(table);
  }

  @org.junit.jupiter.api.Test
  void paymentsWhenSpreadOverBothInstancesThenTheSharedLedgerHoldsEachOnce() throws Exception {
    String ledgerTable = Backends.uniqueTable();
    try (TwoInstances pair =
        TwoInstances.start(
            new Persistence(newClient(), ledger(ledgerTable)),
            new Persistence(newClient(), ledger(ledgerTable)))) {
      for (int i = 0; i < 3; i++) {
        String credential = Http.pay(Http.get(pair.server(i % 2), Http.FORTUNE, null));
        Burst.send(pair.servers(), PER_INSTANCE, credential);
      }
      java.time.Instant now = java.time.Instant.now();
      List<io.mpp4j.core.ledger.LedgerEntry> entries =
          pair.server(1)
              .mpp()
              .ledger()
              .query(
                  io.mpp4j.core.ledger.LedgerQuery.between(
                          now.minusSeconds(300), now.plusSeconds(60))
                      .build());

      org.assertj.core.api.Assertions.assertThat(pair.settlements()).isEqualTo(3);
      org.assertj.core.api.Assertions.assertThat(entries)
          .hasSize(3)
          .allSatisfy(
              e ->
                  org.assertj.core.api.Assertions.assertThat(e.status())
                      .isEqualTo(io.mpp4j.core.ledger.LedgerEntry.Status.SETTLED))
          .extracting(io.mpp4j.core.ledger.LedgerEntry::challengeId)
          .doesNotHaveDuplicates();
    } finally {
      Backends.dropTable(ledgerTable);
      Backends.dropFunction(ledgerTable + "_append_only()");
    }
  }

  private static io.mpp4j.store.jdbc.JdbcLedger ledger(String table) {
    return io.mpp4j.store.jdbc.JdbcLedger.builder()
        .jdbcUrl(Backends.POSTGRES_URL)
        .username(Backends.POSTGRES_USER)
        .table(table)
        .build();
  }
}
