package io.mpp4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} this test starts as a child process on a free loopback port, without
 * persistence, and can kill and start again on the same port.
 */
final class RedisProcess implements AutoCloseable {
  private final int port;
  private final Path log;
  private Process process;

  private RedisProcess(int port, Path log) {
    this.port = port;
    this.log = log;
  }

  static RedisProcess start() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(Backends.HOST))) {
      port = probe.getLocalPort();
    }
    RedisProcess redis = new RedisProcess(port, Files.createTempFile("mpp-example-redis", ".log"));
    redis.restart();
    return redis;
  }

  String uri() {
    return "redis://" + Backends.HOST + ":" + port;
  }

  /** Starts the server (again) on its port and waits until it answers PING. */
  void restart() throws Exception {
    List<String> command =
        List.of(
            "redis-server",
            "--port",
            Integer.toString(port),
            "--bind",
            Backends.HOST,
            "--save",
            "",
            "--appendonly",
            "no");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start redis-server (is it installed and on PATH?)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Backends.redisAnswersPing(Backends.HOST, port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        fail("redis-server did not start on port " + port + "; see " + log);
      }
      Thread.sleep(20);
    }
  }

  /** Kills the server like a crash (SIGKILL) and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    if (!awaitExit(process)) {
      fail("redis-server on port " + port + " did not die");
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open and commands are never answered. */
  void freeze() throws IOException {
    signal("-STOP");
  }

  /** Lets a frozen server run again (SIGCONT); it then executes what it received meanwhile. */
  void thaw() throws IOException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
    if (!awaitExit(kill) || kill.exitValue() != 0) {
      fail("could not send " + signal + " to redis-server on port " + port);
    }
  }

  private static boolean awaitExit(Process process) {
    try {
      return process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a process", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      thaw();
    }
    if (process != null && process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(log);
  }
}
