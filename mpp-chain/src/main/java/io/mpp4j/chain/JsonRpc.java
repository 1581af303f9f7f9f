package io.mpp4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal JSON-RPC 2.0 client over {@link HttpClient}: one per method instance, bounded timeouts,
 * bounded response size, and failures classified so callers know whether a request may have reached
 * the node (JSON-RPC 2.0 specification, sections 4 and 5).
 */
public final class JsonRpc {
  /** Largest response accepted; receipts of a charge are a few kilobytes. */
  public static final int MAX_RESPONSE_BYTES = Json.MAX_DOCUMENT_BYTES;

  private final URI endpoint;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  /**
   * A client of {@code endpoint}.
   *
   * @param connectTimeout bound on opening a connection
   * @param requestTimeout bound on each call, unless a call names its own
   */
  public JsonRpc(URI endpoint, Duration connectTimeout, Duration requestTimeout) {
    this.endpoint = endpoint;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Calls {@code method} and returns its {@code result} (which may be a JSON null).
   *
   * @throws RpcException when the call fails in any way
   */
  public JsonNode call(String method, Object... params) {
    return call(requestTimeout, method, params);
  }

  /**
   * Calls {@code method} with its own timeout (e.g. a send that waits for its receipt).
   *
   * @throws RpcException when the call fails in any way
   */
  public JsonNode call(Duration timeout, String method, Object... params) {
    long id = ids.incrementAndGet();
    ObjectNode body = Json.object();
    body.put("jsonrpc", "2.0");
    body.put("id", id);
    body.put("method", method);
    ArrayNode array = body.putArray("params");
    for (Object param : params) {
      if (param instanceof JsonNode node) {
        array.add(node);
      } else if (param instanceof Boolean b) {
        array.add(b);
      } else if (param instanceof Number n) {
        array.add(n.longValue());
      } else {
        array.add(String.valueOf(param));
      }
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
            .build();
    HttpResponse<InputStream> response;
    byte[] bytes;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new RpcException(RpcException.Kind.UNREACHABLE, 0, method + ": unreachable", e);
    } catch (HttpTimeoutException e) {
      throw new RpcException(RpcException.Kind.TIMEOUT, 0, method + ": timed out", e);
    } catch (IOException e) {
      throw new RpcException(RpcException.Kind.TIMEOUT, 0, method + ": I/O failure", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcException.Kind.TIMEOUT, 0, method + ": interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw RpcException.badResponse(method + ": HTTP " + response.statusCode());
    }
    if (bytes.length > MAX_RESPONSE_BYTES) {
      throw RpcException.badResponse(method + ": response too large");
    }
    ObjectNode reply;
    try {
      reply = Json.parseObject(bytes);
    } catch (CodecException e) {
      throw RpcException.badResponse(method + ": response is not JSON");
    }
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      long code = error.path("code").asLong(0);
      String message = error.path("message").asText("");
      throw new RpcException(
          RpcException.Kind.ERROR, code, method + ": error " + code + ": " + message, null);
    }
    if (!reply.has("result") || reply.path("id").asLong(-1) != id) {
      throw RpcException.badResponse(method + ": not a JSON-RPC response");
    }
    return reply.get("result");
  }
}
