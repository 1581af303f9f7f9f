package io.mpp4j.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import io.mpp4j.tempo.TempoMethod;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks behind the health indicators, independent of the Spring Boot version: the store
 * answers a read, and each Tempo RPC node answers {@code eth_chainId} with the configured chain.
 * Details never carry a URL (it may hold an access token) or an upstream error text.
 */
final class HealthProbes {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** What a probe found: up or down, and details safe to show. */
  record Result(boolean up, Map<String, Object> details) {}

  private HealthProbes() {}

  static Result store(Store store) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.getClass().getSimpleName());
    try {
      store.get("health-probe");
      return new Result(true, details);
    } catch (RuntimeException e) {
      details.put("error", "the store did not answer");
      return new Result(false, details);
    }
  }

  static Result tempo(List<TempoMethod> methods) {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = true;
    for (TempoMethod method : methods) {
      long expected = method.chain().id();
      String state = rpcChainState(method, expected);
      up &= state.equals("up");
      details.put("chain " + expected, state);
    }
    return new Result(up, details);
  }

  private static String rpcChainState(TempoMethod method, long expected) {
    HttpRequest request =
        HttpRequest.newBuilder(method.rpcUrl())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
            .build();
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return "rpc answered HTTP " + response.statusCode();
      }
      JsonNode result = Json.parseObject(response.body()).get("result");
      if (result == null || !result.isTextual() || !result.asText().startsWith("0x")) {
        return "rpc answered without a chain id";
      }
      long actual = new BigInteger(result.asText().substring(2), 16).longValueExact();
      return actual == expected ? "up" : "rpc serves chain " + actual;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "rpc unreachable";
    }
  }
}
