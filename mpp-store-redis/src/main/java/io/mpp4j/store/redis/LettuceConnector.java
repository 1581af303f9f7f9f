package io.mpp4j.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the Lettuce client and its one shared connection, opened in the background when the store is
 * built. Concurrent callers share a single connection attempt and each waits at most the timeout
 * for it; a failed attempt is retried by the next call. Once open, Lettuce reconnects by itself,
 * and commands issued while disconnected (or in flight when the connection dropped) fail at once
 * instead of being queued and replayed.
 */
final class LettuceConnector {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final Duration MIN_ATTEMPT = Duration.ofSeconds(10);

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final boolean cluster;
  private final RedisURI standaloneUri;
  private final Duration timeout;
  private final AtomicReference<CompletableFuture<Connected>> current = new AtomicReference<>();
  private volatile boolean closed;

  private record Connected(
      StatefulConnection<String, byte[]> connection,
      RedisClusterCommands<String, byte[]> commands) {}

  LettuceConnector(List<RedisURI> uris, boolean cluster, Duration timeout) {
    this.cluster = cluster;
    this.timeout = timeout;
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
            .build();
    List<RedisURI> withTimeout =
        uris.stream().map(u -> RedisURI.builder(u).withTimeout(timeout).build()).toList();
    this.standaloneUri = withTimeout.get(0);
    if (cluster) {
      RedisClusterClient c = RedisClusterClient.create(resources, withTimeout);
      c.setOptions(
          ClusterClientOptions.builder(clientOptions())
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enableAllAdaptiveRefreshTriggers()
                      .enablePeriodicRefresh(Duration.ofMinutes(1))
                      .build())
              .build());
      this.client = c;
    } else {
      RedisClient c = RedisClient.create(resources, standaloneUri);
      c.setOptions(clientOptions());
      this.client = c;
    }
  }

  /** Starts connecting without waiting, so that the first command finds the connection open. */
  void connectInBackground() {
    attempt();
  }

  RedisClusterCommands<String, byte[]> commands() {
    if (closed) {
      throw new StoreUnavailableException("redis store is closed");
    }
    try {
      return attempt().get(timeout.toMillis(), TimeUnit.MILLISECONDS).commands();
    } catch (TimeoutException | ExecutionException e) {
      throw new StoreUnavailableException("redis store unavailable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while connecting to redis", e);
    }
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    CompletableFuture<Connected> attempt = current.getAndSet(null);
    if (attempt != null) {
      attempt.thenAccept(c -> c.connection().close());
    }
    client.shutdown(Duration.ZERO, timeout);
    resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<Connected> attempt() {
    CompletableFuture<Connected> attempt = current.get();
    if (attempt != null && !attempt.isCompletedExceptionally()) {
      return attempt;
    }
    CompletableFuture<Connected> next = new CompletableFuture<>();
    if (current.compareAndSet(attempt, next)) {
      connect(next);
      return next;
    }
    return attempt();
  }

  private void connect(CompletableFuture<Connected> target) {
    // callers wait at most the timeout; the attempt itself may take longer (a cold JVM, TLS)
    Duration limit =
        timeout.multipliedBy(5).compareTo(MIN_ATTEMPT) > 0 ? timeout.multipliedBy(5) : MIN_ATTEMPT;
    target.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<Connected> opened;
    try {
      opened = cluster ? connectCluster() : connectStandalone();
    } catch (RuntimeException e) {
      target.completeExceptionally(e);
      return;
    }
    opened.whenComplete(
        (connected, failure) -> {
          if (failure != null) {
            target.completeExceptionally(failure);
          } else if (closed || !target.complete(connected)) {
            // opened after the attempt timed out or the store closed: do not leak it
            connected.connection().closeAsync();
          }
        });
  }

  private CompletableFuture<Connected> connectStandalone() {
    return ((RedisClient) client)
        .connectAsync(CODEC, standaloneUri)
        .toCompletableFuture()
        .thenApply((StatefulRedisConnection<String, byte[]> s) -> new Connected(s, s.sync()));
  }

  private CompletableFuture<Connected> connectCluster() {
    RedisClusterClient c = (RedisClusterClient) client;
    return c.refreshPartitionsAsync()
        .thenCompose(loaded -> c.connectAsync(CODEC))
        .thenApply((StatefulRedisClusterConnection<String, byte[]> s) -> new Connected(s, s.sync()))
        .toCompletableFuture();
  }

  private ClientOptions clientOptions() {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.builder().fixedTimeout(timeout).build())
        .build();
  }
}
