package io.mpp4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot example on a real server and a local Tempo chain, paid by the reference client
 * mppx, with the Jetty example's paid routes.
 */
@SpringBootTest(
    classes = SpringExampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "mpp.secret-key=the spring example test secret of 32+ bytes",
      "mpp.allow-insecure-http=true",
      "mpp.tempo.chain-id=" + LocalTempoChain.CHAIN_ID,
      "mpp.tempo.currency=" + LocalTempoChain.PATH_USD
    })
class SpringExampleTest {
  static final LocalTempoChain CHAIN = new LocalTempoChain();
  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void chain(DynamicPropertyRegistry registry) throws Exception {
    CHAIN.start();
    registry.add("mpp.tempo.rpc-url", () -> CHAIN.rpcUrl().toString());
    registry.add("mpp.tempo.recipient", () -> CHAIN.merchant().address());
  }

  @AfterAll
  static void stopChain() {
    CHAIN.stop();
  }

  @Test
  void fortuneWhenMppxPaysInPullModeThen200WithReceiptAndReplayRefused() throws Exception {
    JsonNode result = MppxClient.pay(uri("/api/fortune"), CHAIN, CHAIN.freshAccount(), "pull");

    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    assertThat(result.path("receipt").path("method").asText()).isEqualTo("tempo");
    JsonNode body = Json.parseObject(result.path("body").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(body.get("fortune").asText()).isNotBlank();
    assertThat(body.get("reference").asText())
        .isEqualTo(result.path("receipt").path("reference").asText());
    HttpResponse<String> replay =
        http.send(
            HttpRequest.newBuilder(uri("/api/fortune"))
                .header("Authorization", result.path("credential").asText())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(replay.statusCode()).isEqualTo(402);
  }

  @Test
  void premiumWhenMppxPaysInPushModeThenServedFor50Cents() throws Exception {
    JsonNode result = MppxClient.pay(uri("/api/premium"), CHAIN, CHAIN.freshAccount(), "push");

    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    assertThat(result.path("body").asText()).contains("\"amount\":\"500000\"");
  }

  @Test
  void routesWhenListedThenTheJettyExamplesChargeRoutes() throws Exception {
    JsonNode doc = Json.parseObject(get("/openapi.json").body().getBytes(StandardCharsets.UTF_8));

    List<String> operations = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> operations.add(m + " " + path.getKey())));
    assertThat(operations)
        .containsExactlyInAnyOrder(
            "post /api/echo",
            "get /api/fortune",
            "post /api/orders",
            "get /api/premium",
            "get /api/search");
    assertThat(get("/free").statusCode()).isEqualTo(200);
    assertThat(get("/api/search?q=two+words").statusCode()).isEqualTo(402);
    assertThat(get("/api/search").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
