package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.servlet.testing.TestContainer;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A group of end-to-end tests, run {@code @Nested} in a {@link PaymentFilterEndToEndTest} against
 * the container it started: the app, an HTTP client and the helpers that send requests, pay
 * challenges and read problems.
 */
@ExtendWith(EndToEndSuite.EnclosingTest.class)
abstract class EndToEndSuite {
  static final String PROBLEMS = "https://paymentauth.org/problems/";

  TestApp app;
  TestContainer container;
  HttpClient client;

  @BeforeEach
  void bind(PaymentFilterEndToEndTest server) {
    app = server.app();
    container = server.container();
    client = server.client();
  }

  /** Resolves a parameter typed as an enclosing test class to the instance the test runs in. */
  static final class EnclosingTest implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getTestInstances()
          .flatMap(instances -> instances.findInstance(parameter.getParameter().getType()))
          .isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRequiredTestInstances()
          .findInstance(parameter.getParameter().getType())
          .orElseThrow();
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(container.uri(path)).timeout(Duration.ofSeconds(15));
  }

  HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  HttpRequest.Builder post(String path, String body) {
    return request(path).POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends a request line the JDK client refuses to build; returns the whole response. */
  String raw(String requestLine) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", container.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              (requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String pay(HttpResponse<String> challenge, String token) {
    return pay(challenge, FakePaymentMethod.ID, token);
  }

  static String pay(HttpResponse<String> challenge, String method, String token) {
    assertThat(challenge.statusCode()).isEqualTo(402);
    return FakePaymentMethod.payHeaders(
        challenge.headers().allValues("WWW-Authenticate"), method, token);
  }

  static String token() {
    return "tok-" + UUID.randomUUID();
  }

  static JsonNode json(HttpResponse<String> response) {
    ObjectNode node = Json.parseObject(response.body().getBytes(StandardCharsets.UTF_8));
    return node;
  }

  static String problemType(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    String type = json(response).get("type").asText();
    assertThat(type).startsWith(PROBLEMS);
    return type.substring(PROBLEMS.length());
  }

  static List<String> methods(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).stream()
        .map(Challenge::method)
        .toList();
  }

  static String amount(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenge(
            response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .requestJson()
        .get("amount")
        .asText();
  }

  static String challengeId(HttpResponse<String> response) {
    return json(response).get("challengeId").asText();
  }

  static Receipt receipt(HttpResponse<String> response) {
    return PaymentHeaders.parseReceipt(
        response.headers().firstValue("Payment-Receipt").orElseThrow());
  }
}
