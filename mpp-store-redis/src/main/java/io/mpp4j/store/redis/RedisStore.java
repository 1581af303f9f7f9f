package io.mpp4j.store.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Store} in Redis, shared by every instance of a server, so that a challenge, transaction
 * hash or payment token is accepted once across the fleet (draft-httpauth-payment-00 §5.1.1:
 * servers MUST reject already-used challenge ids).
 *
 * <p>Built on Lettuce: one thread-safe, non-blocking connection per store, Redis Cluster support
 * and per-command timeouts. A claim is {@code SET key "" NX PX ttl}; a versioned record is one
 * string key {@code <version>:<bytes>} written by a Lua compare-and-set script, so every operation
 * touches a single key (single slot in a cluster). Every failure (refused connection, timeout,
 * server error) surfaces as {@link StoreUnavailableException} within the configured timeout, and
 * the engine then fails closed. The connection opens in the background when the store is built and
 * is re-established automatically; commands are never replayed after a reconnect.
 *
 * <pre>{@code
 * RedisStore store = RedisStore.builder().uri("redis://127.0.0.1:6379/0").build();
 * }</pre>
 */
public final class RedisStore implements Store, AutoCloseable {
  /** Default prefix put in front of every key. */
  public static final String DEFAULT_KEY_PREFIX = "mpp:";

  /** Default bound on every command, connection attempt included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final LettuceConnector connector;
  private final CompareAndSetScript script = new CompareAndSetScript();
  private final String prefix;

  private RedisStore(Builder b) {
    this.prefix = b.keyPrefix;
    this.connector = new LettuceConnector(b.uris, b.cluster || b.uris.size() > 1, b.timeout);
    connector.connectInBackground();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    String k = key(key);
    long px = millis(ttl);
    return "OK".equals(run(c -> c.set(k, RecordFormat.CLAIM, SetArgs.Builder.nx().px(px))));
  }

  @Override
  public void release(String key) {
    delete(key);
  }

  @Override
  public Optional<StoreRecord> get(String key) {
    String k = key(key);
    byte[] stored = run(c -> c.get(k));
    return stored == null ? Optional.empty() : Optional.of(RecordFormat.decode(stored));
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
    String k = key(key);
    Objects.requireNonNull(value, "value");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative");
    }
    long px = millis(ttl);
    byte[] encoded = RecordFormat.encode(expectedVersion + 1, value);
    return run(c -> script.run(c, k, expectedVersion, encoded, px));
  }

  @Override
  public void delete(String key) {
    String k = key(key);
    run(c -> c.del(k));
  }

  /** Closes the connection and releases the client's threads. */
  @Override
  public void close() {
    connector.close();
  }

  private <T> T run(Function<RedisClusterCommands<String, byte[]>, T> command) {
    RedisClusterCommands<String, byte[]> commands = connector.commands();
    try {
      return command.apply(commands);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("redis store unavailable", e);
    }
  }

  private String key(String key) {
    return prefix + Objects.requireNonNull(key, "key");
  }

  private static long millis(Duration ttl) {
    if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    long ms = ttl.toMillis();
    return ms == 0 ? 1 : ms;
  }

  /** Configures a {@link RedisStore}; at least one URI is required. */
  public static final class Builder {
    private final List<RedisURI> uris = new ArrayList<>();
    private boolean cluster;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * A server as {@code redis://[password@]host:port[/db]} or {@code rediss://...} for TLS. Give
     * several seed nodes of a cluster by calling this once per node.
     */
    public Builder uri(String uri) {
      uris.add(RedisURI.create(Objects.requireNonNull(uri, "uri")));
      return this;
    }

    /** Treats the URIs as seed nodes of a Redis Cluster (implied by more than one URI). */
    public Builder cluster(boolean cluster) {
      this.cluster = cluster;
      return this;
    }

    /** Prefix for every key ({@value #DEFAULT_KEY_PREFIX} by default). */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /** Bound on every command and connection attempt (2 seconds by default). */
    public Builder timeout(Duration timeout) {
      if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the store and starts connecting in the background; building never fails because Redis
     * is down (operations do, with {@link StoreUnavailableException}, until it is back).
     */
    public RedisStore build() {
      if (uris.isEmpty()) {
        throw new IllegalStateException("at least one redis URI is required");
      }
      if ((cluster || uris.size() > 1) && uris.stream().anyMatch(u -> u.getDatabase() != 0)) {
        throw new IllegalStateException("Redis Cluster supports database 0 only");
      }
      return new RedisStore(this);
    }
  }
}
