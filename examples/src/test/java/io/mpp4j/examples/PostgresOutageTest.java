package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The example server on PostgreSQL reached through a relay the test cuts (every connection dropped,
 * new ones refused) and restores on the same port.
 */
class PostgresOutageTest extends StoreOutageTest {
  private final String table = Backends.uniqueTable();
  private TcpProxy proxy;

  @BeforeAll
  static void requirePostgres() {
    Backends.requirePostgres();
  }

  @BeforeEach
  void openProxy() throws Exception {
    proxy = new TcpProxy(Backends.HOST, Backends.POSTGRES_PORT).start();
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
    proxy.stop();
  }

  @Override
  void bringBack() throws Exception {
    proxy.start();
  }
}
