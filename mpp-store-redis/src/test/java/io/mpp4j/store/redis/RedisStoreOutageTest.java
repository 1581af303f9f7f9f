package io.mpp4j.store.redis;

import static io.mpp4j.core.testing.Outages.assertUnavailableWithin;
import static io.mpp4j.core.testing.Outages.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
    assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
    assertUnavailableWithin(BOUND_MILLIS, () -> store.get(key()));
    assertUnavailableWithin(
        BOUND_MILLIS, () -> store.compareAndSet(key(), 0, new byte[] {1}, Duration.ofMinutes(1)));

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
      assertUnavailableWithin(BOUND_MILLIS, () -> store.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, () -> store.get(key()));
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
      assertUnavailableWithin(BOUND_MILLIS, () -> fresh.claim(key(), Duration.ofMinutes(1)));
      assertUnavailableWithin(BOUND_MILLIS, () -> fresh.claim(key(), Duration.ofMinutes(1)));
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
        assertUnavailableWithin(BOUND_MILLIS, () -> silent.claim(key(), Duration.ofMinutes(1)));
        assertUnavailableWithin(BOUND_MILLIS, () -> silent.get(key()));
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

  private static String key() {
    return "outage:" + UUID.randomUUID();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
