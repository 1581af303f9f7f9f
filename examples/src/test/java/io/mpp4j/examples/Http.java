package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A client paying the example's {@code GET /api/fortune} with the fake method. */
final class Http {
  static final String FORTUNE = "/api/fortune";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  static HttpResponse<String> get(ExampleServer server, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(15)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> getWithHeader(
      ExampleServer server, String path, String name, String value) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(15))
            .header(name, value)
            .GET()
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(
      ExampleServer server, String path, String body, String authorization, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code Authorization} value paying the fake challenge of a 402 with a fresh token. */
  static String pay(HttpResponse<String> paymentRequired) {
    assertThat(paymentRequired.statusCode()).isEqualTo(402);
    return FakePaymentMethod.payHeaders(
        paymentRequired.headers().allValues("WWW-Authenticate"),
        FakePaymentMethod.ID,
        "tok-" + UUID.randomUUID());
  }

  static List<Challenge> challenges(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate"));
  }

  /** The id of the challenge a credential answers. */
  static String challengeId(String credential) {
    return PaymentHeaders.parseCredential(credential).challenge().id();
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.parseObject(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /** The last segment of the RFC 9457 problem type, e.g. {@code invalid-challenge}. */
  static String problemType(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    String type = json(response).get("type").asText();
    return type.substring(type.lastIndexOf('/') + 1);
  }
}
