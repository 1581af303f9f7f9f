package io.mpp4j.examples;

import io.mpp4j.core.Secret;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.store.jdbc.JdbcLedger;
import io.mpp4j.store.jdbc.JdbcStore;
import io.mpp4j.store.redis.RedisStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the example server's {@link Store} from {@code MPP_STORE}: {@code memory} (the default,
 * one instance only), {@code redis://host:port[/db]} ({@link RedisStore}) or {@code
 * jdbc:postgresql://host:port/database} ({@link JdbcStore}, with {@code MPP_STORE_USER} and {@code
 * MPP_STORE_PASSWORD} when set). Several instances must share one Redis or database so that each
 * challenge id is accepted once across all of them (draft-httpauth-payment-00 §5.1.1).
 */
public final class ExampleStores {
  public static final String STORE = "MPP_STORE";
  public static final String STORE_USER = "MPP_STORE_USER";
  public static final String STORE_PASSWORD = "MPP_STORE_PASSWORD";

  private static final System.Logger LOG = System.getLogger(ExampleStores.class.getName());
  private static final String EXPECTED =
      "expected memory, redis://host:port[/db] or jdbc:postgresql://host:port/database";

  private ExampleStores() {}

  /**
   * The configured store; close it (if {@link AutoCloseable}) when the server stops.
   *
   * @throws IllegalArgumentException when {@code MPP_STORE} is not one of the accepted forms; the
   *     message never repeats a URI, which may carry a password
   */
  public static Store fromEnvironment(Map<String, String> env) {
    String value = env.getOrDefault(STORE, "").trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (value.isEmpty() || lower.equals("memory")) {
      LOG.log(System.Logger.Level.INFO, "payment store: memory (this instance only)");
      return new MemoryStore();
    }
    if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
      return redis(value);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return jdbc(value, env);
    }
    // name only a URI's scheme: anything else might be a secret pasted into the wrong variable
    String scheme = value.contains("://") ? value.substring(0, value.indexOf("://")) : "";
    throw new IllegalArgumentException(
        STORE
            + ": unsupported store"
            + (scheme.matches("[A-Za-z][A-Za-z0-9+.-]{0,31}") ? " '" + scheme + "://'" : "")
            + "; "
            + EXPECTED);
  }

  private static Store redis(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid("Redis URI", null);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (uri.getHost() == null
        || uri.getPort() > 65535
        || !path.matches("/?|/\\d{1,5}")
        || uri.getFragment() != null) {
      throw invalid("Redis URI", null);
    }
    RedisStore store;
    try {
      store = RedisStore.builder().uri(value).build();
    } catch (RuntimeException e) {
      throw invalid("Redis URI", e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "payment store: redis at {0}:{1}",
        uri.getHost(),
        Integer.toString(uri.getPort() == -1 ? 6379 : uri.getPort()));
    return store;
  }

  private static Store jdbc(String value, Map<String, String> env) {
    try {
      DriverManager.getDriver(value);
    } catch (SQLException e) {
      throw invalid("PostgreSQL JDBC URL", null);
    }
    JdbcStore.Builder builder = JdbcStore.builder().jdbcUrl(value);
    String user = env.get(STORE_USER);
    if (user != null && !user.isBlank()) {
      builder.username(user.trim());
    }
    String password = env.get(STORE_PASSWORD);
    if (password != null && !password.isEmpty()) {
      builder.password(Secret.of(password));
    }
    JdbcStore store;
    try {
      store = builder.build();
    } catch (RuntimeException e) {
      throw invalid("PostgreSQL JDBC URL", e);
    }
    LOG.log(System.Logger.Level.INFO, "payment store: postgresql");
    return store;
  }

  /**
   * The configured store and a payment ledger that follows it: a {@link JdbcLedger} in the same
   * PostgreSQL database (table {@code mpp_payments}) when {@code MPP_STORE} is a JDBC URL, so every
   * instance writes one ledger; a {@link MemoryLedger} otherwise.
   */
  public static Persistence persistence(Map<String, String> env) {
    Store store = fromEnvironment(env);
    if (!(store instanceof JdbcStore)) {
      return new Persistence(store, new MemoryLedger());
    }
    JdbcLedger.Builder ledger = JdbcLedger.builder().jdbcUrl(env.get(STORE).trim());
    String user = env.get(STORE_USER);
    if (user != null && !user.isBlank()) {
      ledger.username(user.trim());
    }
    String password = env.get(STORE_PASSWORD);
    if (password != null && !password.isEmpty()) {
      ledger.password(Secret.of(password));
    }
    LOG.log(System.Logger.Level.INFO, "payment ledger: postgresql (mpp_payments)");
    return new Persistence(store, ledger.build());
  }

  private static IllegalArgumentException invalid(String what, Exception cause) {
    return new IllegalArgumentException(STORE + " is not a valid " + what + "; " + EXPECTED, cause);
  }
}
