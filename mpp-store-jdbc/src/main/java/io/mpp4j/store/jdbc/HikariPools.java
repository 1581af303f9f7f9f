package io.mpp4j.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mpp4j.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds the default connection pool. Kept apart so that HikariCP is loaded only when a store is
 * built from a JDBC URL; users passing their own {@code DataSource} may exclude it.
 */
final class HikariPools {
  private static final long FLOOR_MILLIS = 250;

  private HikariPools() {}

  static boolean isPostgres(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  static DataSource create(
      String jdbcUrl, String username, Secret password, int maximumPoolSize, Duration timeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("mpp-store-jdbc");
    config.setJdbcUrl(jdbcUrl);
    if (username != null) {
      config.setUsername(username);
    }
    if (password != null) {
      config.setPassword(new String(password.bytes(), StandardCharsets.UTF_8));
    }
    config.setMaximumPoolSize(maximumPoolSize);
    config.setMinimumIdle(Math.min(2, maximumPoolSize));
    long millis = Math.max(FLOOR_MILLIS, timeout.toMillis());
    config.setConnectionTimeout(millis);
    config.setValidationTimeout(Math.max(FLOOR_MILLIS, millis / 2));
    // start even while the database is down; operations fail closed until it is back
    config.setInitializationFailTimeout(-1);
    if (isPostgres(jdbcUrl)) {
      // The server cancels a slow statement itself (millisecond precision, no extra connection);
      // the socket timeout ends waits on a server that stopped answering. A URL parameter of the
      // same name takes precedence.
      long seconds = JdbcStore.seconds(timeout);
      config.addDataSourceProperty("options", "-c statement_timeout=" + millis);
      config.addDataSourceProperty("connectTimeout", Long.toString(seconds));
      config.addDataSourceProperty("loginTimeout", Long.toString(seconds));
      config.addDataSourceProperty("socketTimeout", Long.toString(seconds));
      config.addDataSourceProperty("cancelSignalTimeout", Long.toString(seconds));
    }
    return new HikariDataSource(config);
  }
}
