package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The example's routes over real HTTP, paid with the fake method and a second fake ("alt"). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleServerTest {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ExampleServer server;

  @BeforeAll
  void start() throws Exception {
    ExampleServer.Config config =
        new ExampleServer.Config(
            0, "localhost", Secret.of("example test secret, at least 32 bytes"), true, false);
    server =
        ExampleServer.start(config, List.of(new FakePaymentMethod(), new FakePaymentMethod("alt")));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void freeWhenRequestedThenServedWithoutPayment() throws Exception {
    HttpResponse<String> response = send(get("/free"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("message").asText()).isEqualTo("This one is on the house.");
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void fortuneWhenPaidWithEitherMethodThenServedWithReceipt() throws Exception {
    HttpResponse<String> challenge = send(get("/api/fortune"));
    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(challenges(challenge)).extracting(Challenge::method).containsExactly("fake", "alt");
    assertThat(amount(challenge, 0)).isEqualTo("1");

    HttpResponse<String> paidFake =
        send(get("/api/fortune").header("Authorization", pay(challenge, "fake")));
    HttpResponse<String> paidAlt =
        send(get("/api/fortune").header("Authorization", pay(send(get("/api/fortune")), "alt")));

    assertThat(paidFake.statusCode()).isEqualTo(200);
    assertThat(json(paidFake).get("fortune").asText()).isNotBlank();
    assertThat(json(paidFake).get("method").asText()).isEqualTo("fake");
    assertThat(paidFake.headers().firstValue("Payment-Receipt")).isPresent();
    assertThat(paidAlt.statusCode()).isEqualTo(200);
    assertThat(json(paidAlt).get("method").asText()).isEqualTo("alt");
  }

  @Test
  void premiumWhenPaidWithFortuneChallengeThenRefused() throws Exception {
    HttpResponse<String> challenge = send(get("/api/premium"));
    assertThat(amount(challenge, 0)).isEqualTo("50");

    HttpResponse<String> cheap =
        send(get("/api/premium").header("Authorization", pay(send(get("/api/fortune")), "fake")));
    HttpResponse<String> paid =
        send(get("/api/premium").header("Authorization", pay(challenge, "fake")));

    assertThat(cheap.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("amount").asText()).isEqualTo("50");
  }

  @Test
  void echoWhenPaidThenBodyEchoedAndBoundToItsDigest() throws Exception {
    String body = "{\"hello\":\"world\"}";
    HttpResponse<String> challenge = send(post("/api/echo", body));
    assertThat(amount(challenge, 0)).isEqualTo("2");
    assertThat(challenges(challenge).get(0).digest()).startsWith("sha-256=");
    String credential = pay(challenge, "fake");

    HttpResponse<String> tampered =
        send(post("/api/echo", "{\"hello\":\"mallory\"}").header("Authorization", credential));
    HttpResponse<String> echoed = send(post("/api/echo", body).header("Authorization", credential));

    assertThat(tampered.statusCode()).isEqualTo(402);
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(echoed.body()).isEqualTo(body);
    assertThat(echoed.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
  }

  @Test
  void searchWhenQueryGivenThenPricedPerWordAndBoundToQuery() throws Exception {
    HttpResponse<String> twoWords = send(get(search("red fox")));
    HttpResponse<String> manyWords = send(get(search("a b c d e f g h i j k l m")));
    String credential = pay(twoWords, "fake");

    HttpResponse<String> otherQuery =
        send(get(search("big cat")).header("Authorization", credential));
    HttpResponse<String> paid = send(get(search("red fox")).header("Authorization", credential));

    assertThat(amount(twoWords, 0)).isEqualTo("2");
    assertThat(amount(manyWords, 0)).isEqualTo("10");
    assertThat(otherQuery.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("results")).hasSize(2);
  }

  @Test
  void searchWhenQueryMissingThenFree400() throws Exception {
    HttpResponse<String> response = send(get("/api/search"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
  }

  @Test
  void ordersWhenRetriedWithIdempotencyKeyThenSameOrderOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String credential = pay(send(post("/api/orders", "{\"item\":\"tea\"}")), "fake");

    HttpResponse<String> first =
        send(
            post("/api/orders", "{\"item\":\"tea\"}")
                .header("Authorization", credential)
                .header("Idempotency-Key", key));
    HttpResponse<String> retry =
        send(
            post("/api/orders", "{\"item\":\"tea\"}")
                .header("Authorization", credential)
                .header("Idempotency-Key", key));
    HttpResponse<String> next =
        send(
            post("/api/orders", "{\"item\":\"tea\"}")
                .header("Idempotency-Key", key)
                .header(
                    "Authorization", pay(send(post("/api/orders", "{\"item\":\"tea\"}")), "fake")));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(json(retry).get("order").asLong()).isEqualTo(json(first).get("order").asLong());
    assertThat(retry.headers().firstValue("Payment-Receipt"))
        .isEqualTo(first.headers().firstValue("Payment-Receipt"));
    assertThat(json(next).get("order").asLong())
        .as("a retry with the same key and a fresh credential gets the first order, uncharged")
        .isEqualTo(json(first).get("order").asLong());
  }

  @Test
  void traceWhenSentWithCredentialAndCookieThen405AndNothingEchoed() throws Exception {
    String credential = pay(send(get("/api/fortune")), "fake");
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("TRACE /api/fortune HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                      + credential
                      + "\r\nCookie: session=secret-cookie\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(response).startsWith("HTTP/1.1 405");
      assertThat(response).doesNotContain("secret-cookie").doesNotContain(credential.substring(8));
    }
  }

  @Test
  void searchWhenPathHasTrailingSlashThenNotChargedAndNotFound() throws Exception {
    HttpResponse<String> response = send(get("/api/search/?q=machine+payments"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void credentialWhenAbout12KiBThenAcceptedByTheServer() throws Exception {
    String credential =
        FakePaymentMethod.payHeaders(
            send(get("/api/fortune")).headers().allValues("WWW-Authenticate"),
            "fake",
            "t".repeat(8_600));
    assertThat(credential.length()).isGreaterThan(11 * 1024);

    assertThat(send(get("/api/fortune").header("Authorization", credential)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void discoveryWhenRequestedThenEveryPaidRouteListed() throws Exception {
    HttpResponse<String> response = send(get("/openapi.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = json(response).get("paths");
    assertThat(paths.at("/~1api~1fortune/get/x-payment-info/offers")).hasSize(2);
    assertThat(paths.at("/~1api~1premium/get/x-payment-info/offers/0/amount").asText())
        .isEqualTo("50");
    assertThat(paths.at("/~1api~1echo/post/x-payment-info/offers/0/amount").asText())
        .isEqualTo("2");
    assertThat(paths.at("/~1api~1orders/post/x-payment-info/offers/0/amount").asText())
        .isEqualTo("5");
    assertThat(paths.at("/~1api~1search/get/x-payment-info/offers/0/amount").isNull()).isTrue();
    assertThat(paths.has("/free")).isFalse();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(15)).GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body));
  }

  private static String search(String query) {
    return "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String pay(HttpResponse<String> challenge, String method) {
    assertThat(challenge.statusCode()).isEqualTo(402);
    return FakePaymentMethod.payHeaders(
        challenge.headers().allValues("WWW-Authenticate"), method, "tok-" + UUID.randomUUID());
  }

  private static List<Challenge> challenges(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate"));
  }

  private static String amount(HttpResponse<String> response, int index) {
    return challenges(response).get(index).requestJson().get("amount").asText();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.parseObject(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
