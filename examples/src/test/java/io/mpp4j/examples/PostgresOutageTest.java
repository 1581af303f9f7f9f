package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The example server on PostgreSQL reached through a relay the test cuts (every connection dropped,
 * new ones refused) and restores on the same port.
 */
class PostgresOutageTest extends StoreOutageTest {
  private final String table = Backends.uniqueTable();
  private CuttableProxy proxy;

  @BeforeAll
  static void requirePostgres() {
    Backends.requirePostgres();
  }

  @BeforeEach
  void openProxy() throws Exception {
    proxy = new CuttableProxy(Backends.HOST, Backends.POSTGRES_PORT).open();
  }

  @AfterEach
  void cleanUp() throws Exception {
    proxy.close();
    Backends.dropTable(table);
  }

  @Override
  Store newStore() {
    return Backends.postgresStore(
        "jdbc:postgresql://" + Backends.HOST + ":" + proxy.port() + "/test", table, STORE_TIMEOUT);
  }

  @Override
  void takeDown() throws Exception {
    proxy.cut();
  }

  @Override
  void bringBack() throws Exception {
    proxy.open();
  }
}
