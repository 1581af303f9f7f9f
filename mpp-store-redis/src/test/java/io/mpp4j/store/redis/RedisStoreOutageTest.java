package io.mpp4j.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mpp4j.core.store.StoreUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure behaviour against a redis-server this test starts, kills, freezes and restarts. */
class RedisStoreOutageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final long BOUND_MILLIS = TIMEOUT.toMillis() + 1_000;

  private RedisServer server;
  private RedisStore store;

  @BeforeEach
  void start() throws Exception {
    server = RedisServer.start();
    store =
        RedisServer.awaitConnected(RedisStore.builder().uri(server.uri()).timeout(TIMEOUT).build());
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
    server.close();
  }

  @Test
  void claimWhenServerKilledThenUnavailableWithinTimeoutAndRecoversAfterRestart() throws Exception {
    assertThat(store.claim(key(), Duration.ofMinutes(1))).isTrue();

    server.kill();
    assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
    assertUnavailableWithinBound(() -> store.get(key()));
    assertUnavailableWithinBound(
        () -> store.compareAndSet(key(), 0, new byte[] {1}, Duration.ofMinutes(1)));

    server.restart();
    String key = key();
    assertThat(eventually(() -> store.claim(key, Duration.ofMinutes(1)))).isTrue();
    assertThat(store.claim(key, Duration.ofMinutes(1))).isFalse();
    assertThat(store.compareAndSet(key(), 0, new byte[] {1}, Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void claimWhenServerFrozenThenTimesOutWithinTimeoutAndWorksWhenThawed() throws Exception {
    assertThat(store.claim(key(), Duration.ofMinutes(1))).isTrue();
    server.freeze();
    try {
      assertUnavailableWithinBound(() -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithinBound(() -> store.get(key()));
    } finally {
      server.thaw();
    }
    String key = key();
    assertThat(eventually(() -> store.claim(key, Duration.ofMinutes(1)))).isTrue();
    assertThat(store.get(key)).isPresent();
  }

  @Test
  void claimWhenServerDownAtFirstUseThenUnavailableAndConnectsOnceUp() throws Exception {
    server.kill();
    try (RedisStore fresh = RedisStore.builder().uri(server.uri()).timeout(TIMEOUT).build()) {
      assertUnavailableWithinBound(() -> fresh.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithinBound(() -> fresh.claim(key(), Duration.ofMinutes(1)));
      server.restart();
      assertThat(eventually(() -> fresh.claim(key(), Duration.ofMinutes(1)))).isTrue();
    }
  }

  @Test
  void claimWhenServerAcceptsButNeverAnswersThenUnavailableWithinTimeout() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(blackHole.accept());
                  }
                } catch (Exception e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      try (RedisStore silent =
          RedisStore.builder()
              .uri("redis://127.0.0.1:" + blackHole.getLocalPort())
              .timeout(TIMEOUT)
              .build()) {
        assertUnavailableWithinBound(() -> silent.claim(key(), Duration.ofMinutes(1)));
        assertUnavailableWithinBound(() -> silent.get(key()));
      }
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void compareAndSetWhenScriptCacheFlushedThenLoadsScriptAgain() throws Exception {
    String key = key();
    assertThat(store.compareAndSet(key, 0, bytes("a"), Duration.ofMinutes(1))).isTrue();
    RedisClient raw = RedisClient.create(server.uri());
    try (StatefulRedisConnection<String, String> connection = raw.connect()) {
      connection.sync().scriptFlush();
    } finally {
      raw.shutdown();
    }
    assertThat(store.compareAndSet(key, 1, bytes("b"), Duration.ofMinutes(1))).isTrue();
    assertThat(store.get(key).orElseThrow().version()).isEqualTo(2);
  }

  private static void assertUnavailableWithinBound(Runnable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call::run).isInstanceOf(StoreUnavailableException.class);
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsed).as("milliseconds until the failure surfaced").isLessThan(BOUND_MILLIS);
  }

  /** Retries while the client reconnects (reconnect delay is capped at one second). */
  private static <T> T eventually(java.util.function.Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return call.get();
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static String key() {
    return "outage:" + UUID.randomUUID();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
