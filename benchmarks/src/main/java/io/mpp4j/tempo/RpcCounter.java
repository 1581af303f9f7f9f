package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback JSON-RPC proxy that forwards every request to the node unchanged and counts HTTP round
 * trips and calls per method (each element of a batch counts as one call), and the time the node
 * took to answer; used by {@link TempoLoadBenchmark}.
 */
final class RpcCounter implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient upstream;
  private final URI target;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder upstreamNanos = new LongAdder();

  private RpcCounter(HttpServer server, ExecutorService executor, URI target) {
    this.server = server;
    this.executor = executor;
    this.target = target;
    this.upstream =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  static RpcCounter start(URI target) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    RpcCounter counter = new RpcCounter(server, executor, target);
    server.createContext("/", counter::forward);
    server.start();
    return counter;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  void reset() {
    calls.clear();
    roundTrips.reset();
    upstreamNanos.reset();
  }

  Map<String, Long> calls() {
    Map<String, Long> snapshot = new TreeMap<>();
    calls.forEach((method, count) -> snapshot.put(method, count.sum()));
    return snapshot;
  }

  long roundTrips() {
    return roundTrips.sum();
  }

  /** Time spent waiting for the node, summed over all round trips. */
  long upstreamNanos() {
    return upstreamNanos.sum();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      roundTrips.increment();
      count(body);
      HttpResponse<byte[]> reply;
      long started = System.nanoTime();
      try {
        reply =
            upstream.send(
                HttpRequest.newBuilder(target)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      } finally {
        upstreamNanos.add(System.nanoTime() - started);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] answer = reply.body();
      exchange.sendResponseHeaders(reply.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private void count(byte[] body) {
    JsonNode json;
    try {
      json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (IOException e) {
      calls.computeIfAbsent("(unparseable)", k -> new LongAdder()).increment();
      return;
    }
    if (json != null && json.isArray()) {
      for (JsonNode call : json) {
        countCall(call);
      }
    } else {
      countCall(json);
    }
  }

  private void countCall(JsonNode call) {
    String method = call == null ? "(none)" : call.path("method").asText("(none)");
    calls.computeIfAbsent(method, k -> new LongAdder()).increment();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
