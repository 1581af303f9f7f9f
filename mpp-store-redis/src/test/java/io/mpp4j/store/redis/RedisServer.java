package io.mpp4j.store.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.mpp4j.core.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} child process on a free port, for outage and cluster tests (shared with
 * other modules' tests through this module's test-jar).
 */
public final class RedisServer implements AutoCloseable {
  static final String SHARED_HOST = "127.0.0.1";
  static final int SHARED_PORT = 6379;

  private final int port;
  private final Path dir;
  private final boolean clusterNode;
  private Process process;

  private RedisServer(int port, Path dir, boolean clusterNode) {
    this.port = port;
    this.dir = dir;
    this.clusterNode = clusterNode;
  }

  /** Starts a standalone server without persistence. */
  public static RedisServer start() throws Exception {
    RedisServer server =
        new RedisServer(freePort(false), Files.createTempDirectory("mpp-redis"), false);
    server.restart();
    return server;
  }

  /** Starts {@code nodes} masters and joins them into one cluster covering every slot. */
  static List<RedisServer> startCluster(int nodes) throws Exception {
    Path dir = Files.createTempDirectory("mpp-redis-cluster");
    List<RedisServer> servers = new ArrayList<>();
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int i = 0; i < nodes; i++) {
      RedisServer server = new RedisServer(freePort(true), dir, true);
      server.restart();
      servers.add(server);
      command.add(SHARED_HOST + ":" + server.port);
    }
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(command);
    for (RedisServer server : servers) {
      server.awaitClusterOk();
    }
    return servers;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://" + SHARED_HOST + ":" + port;
  }

  /** Starts (again) on the same port and waits until it answers PING. */
  public void restart() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                SHARED_HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
    if (clusterNode) {
      command.addAll(
          List.of(
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              "nodes-" + port + ".conf",
              "--cluster-node-timeout",
              "2000"));
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start redis-server (is it installed and on PATH?)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!ping(SHARED_HOST, port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        fail("redis-server did not start on port " + port + "; see " + dir);
      }
      Thread.sleep(20);
    }
  }

  /** Kills the server like a crash (SIGKILL) and waits until it is gone. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  public void freeze() throws Exception {
    signal("-STOP");
  }

  public void thaw() throws Exception {
    signal("-CONT");
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      kill();
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Fails the calling test with a clear message when the shared Redis is not reachable. */
  static void requireShared() {
    if (!ping(SHARED_HOST, SHARED_PORT)) {
      fail(
          "Redis is not reachable at "
              + SHARED_HOST
              + ":"
              + SHARED_PORT
              + "; these tests need a real Redis server there (e.g. `redis-server --daemonize yes`)");
    }
  }

  /** Waits until a new store has connected (a cold JVM may need longer than one timeout). */
  static RedisStore awaitConnected(RedisStore store) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        store.get("connect-probe");
        return store;
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  public static boolean ping(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitClusterOk() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!run(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info"))
        .contains("cluster_state:ok")) {
      if (System.nanoTime() > deadline) {
        fail("redis cluster node " + port + " did not reach cluster_state:ok");
      }
      Thread.sleep(50);
    }
  }

  private void signal(String signal) throws Exception {
    run(List.of("kill", signal, Long.toString(process.pid())));
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  /** A port free on loopback; for a cluster node also its bus port (port + 10000). */
  static int freePort(boolean withBusPort) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
      if (free(port) && (!withBusPort || free(port + 10_000))) {
        return port;
      }
    }
    throw new IOException("no free port found");
  }

  private static boolean free(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getByName(SHARED_HOST)).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
