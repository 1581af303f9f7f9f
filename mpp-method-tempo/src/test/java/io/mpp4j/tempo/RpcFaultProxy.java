package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy on loopback in front of a node, injecting faults by method: the request is
 * forwarded and the answer lost (the node acted, the caller never hears), or swallowed (never
 * forwarded, the caller gets a "not confirmed" error after a delay). Counts calls per method.
 */
public final class RpcFaultProxy implements AutoCloseable {
  /** What happens to a call of one method. */
  public enum Fault {
    /** Forward it, then drop the answer: the caller's read times out. */
    LOSE_REPLY,
    /** Never forward it; answer {@code -32603 Transaction confirmation timeout} after a delay. */
    SWALLOW
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI target;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  private RpcFaultProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public static RpcFaultProxy start(URI target) throws IOException {
    return new RpcFaultProxy(target);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Injects {@code fault} into every later call of {@code method}. */
  public void fault(String method, Fault fault) {
    faults.put(method, fault);
  }

  public void clear() {
    faults.clear();
  }

  public int calls(String method) {
    AtomicInteger count = calls.get(method);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    JsonNode request = JSON.readTree(body);
    String method = request.path("method").asText();
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    Fault fault = faults.get(method);
    try {
      if (fault == Fault.SWALLOW) {
        Thread.sleep(200);
        reply(
            exchange,
            ("{\"jsonrpc\":\"2.0\",\"id\":"
                    + request.path("id")
                    + ",\"error\":{\"code\":-32603,\"message\":\"Transaction confirmation timeout\"}}")
                .getBytes());
        return;
      }
      HttpResponse<byte[]> forwarded =
          client.send(
              HttpRequest.newBuilder(target)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (fault == Fault.LOSE_REPLY) {
        exchange.close();
        return;
      }
      reply(exchange, forwarded.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
