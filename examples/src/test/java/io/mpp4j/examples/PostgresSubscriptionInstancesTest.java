package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Subscriptions served by two instances sharing a table in the PostgreSQL at 127.0.0.1:5432. */
class PostgresSubscriptionInstancesTest extends SubscriptionInstancesTest {
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
}
