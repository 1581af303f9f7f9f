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
}
