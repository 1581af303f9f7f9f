package io.mpp4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The shared PostgreSQL of the development and CI machines (trust authentication). */
final class Postgres {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";
  static final String USER = "postgres";

  private Postgres() {}

  /** Fails the calling test with a clear message when the database cannot be reached. */
  static void require() {
    try (Connection connection = connect()) {
      connection.createStatement().execute("SELECT 1");
    } catch (SQLException e) {
      fail(
          "PostgreSQL is not reachable at "
              + URL
              + " as user "
              + USER
              + "; these tests need a real server there ("
              + e.getMessage()
              + ")");
    }
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, "");
  }

  /** A table name no other test run uses. */
  static String uniqueTable() {
    return "mpp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static void drop(String table) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  static JdbcStore.Builder store(String table) {
    return JdbcStore.builder().jdbcUrl(URL).username(USER).table(table).maximumPoolSize(4);
  }
}
