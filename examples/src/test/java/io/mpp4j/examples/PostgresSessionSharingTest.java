package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import io.mpp4j.tempo.LocalTempoChain;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two session instances sharing one table of their own in the PostgreSQL at 127.0.0.1:5432. */
class PostgresSessionSharingTest extends SessionSharedStoreTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

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
  LocalTempoChain chain() {
    return CHAIN;
  }

  @Override
  Store newClient() throws Exception {
    return Backends.awaitAvailable(
        Backends.postgresStore(Backends.POSTGRES_URL, table, Duration.ofSeconds(2)));
  }
}
