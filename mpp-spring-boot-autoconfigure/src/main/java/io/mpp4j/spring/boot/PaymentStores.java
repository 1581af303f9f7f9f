package io.mpp4j.spring.boot;

import io.mpp4j.core.Secret;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Builds the {@link Store} {@code mpp.store} names: {@code memory}, a Redis URI (mpp-store-redis)
 * or a PostgreSQL JDBC URL (mpp-store-jdbc). Error messages never repeat the value, which may carry
 * a password.
 */
final class PaymentStores {
  private static final String EXPECTED =
      "expected memory, redis://host:port[/db], rediss://... or jdbc:postgresql://host:port/database";

  private PaymentStores() {}

  static Store create(MppProperties properties) {
    String value = properties.getStore() == null ? "" : properties.getStore().trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (value.isEmpty() || lower.equals("memory")) {
      return new MemoryStore();
    }
    if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
      requireModule("io.mpp4j.store.redis.RedisStore", "mpp-store-redis");
      checkRedisUri(value);
      return Redis.create(value);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      requireModule("io.mpp4j.store.jdbc.JdbcStore", "mpp-store-jdbc");
      return Jdbc.create(value, properties.getStoreUsername(), properties.getStorePassword());
    }
    throw new IllegalStateException("mpp.store is not a supported store; " + EXPECTED);
  }

  private static void checkRedisUri(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("mpp.store is not a valid Redis URI; " + EXPECTED);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (uri.getHost() == null || !path.matches("/?|/\\d{1,5}") || uri.getFragment() != null) {
      throw new IllegalStateException("mpp.store is not a valid Redis URI; " + EXPECTED);
    }
  }

  private static void requireModule(String className, String artifact) {
    try {
      Class.forName(className, false, PaymentStores.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "mpp.store needs io.mpp4j:" + artifact + " on the classpath; add it as a dependency");
    }
  }

  /** Loaded only when mpp-store-redis is present. */
  private static final class Redis {
    static Store create(String uri) {
      try {
        return io.mpp4j.store.redis.RedisStore.builder().uri(uri).build();
      } catch (RuntimeException e) {
        throw new IllegalStateException("mpp.store is not a valid Redis URI; " + EXPECTED);
      }
    }
  }

  /** Loaded only when mpp-store-jdbc is present. */
  private static final class Jdbc {
    static Store create(String url, String username, String password) {
      io.mpp4j.store.jdbc.JdbcStore.Builder jdbc =
          io.mpp4j.store.jdbc.JdbcStore.builder().jdbcUrl(url);
      if (PaymentMethods.hasText(username)) {
        jdbc.username(username.trim());
      }
      if (password != null && !password.isEmpty()) {
        jdbc.password(Secret.of(password));
      }
      try {
        return jdbc.build();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "mpp.store: the PostgreSQL store could not be created ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
  }
}
