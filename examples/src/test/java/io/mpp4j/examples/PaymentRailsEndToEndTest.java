package io.mpp4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.stripe.StripeMethod;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import io.mpp4j.tempo.TempoMethod;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example server as users run it, with both real payment rails through the servlet filter:
 * Tempo on a local anvil chain paid by the reference client mppx, and Stripe (its API served by
 * WireMock) paid with a shared payment token. Every paid route offers both challenges.
 */
class PaymentRailsEndToEndTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final String PAYMENT_INTENTS = "/v1/payment_intents";
  private static WireMockServer stripe;
  private static ExampleServer server;

  @BeforeAll
  static void start() throws Exception {
    stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    stripe.start();
    TempoMethod tempo = CHAIN.merchantMethod().build();
    StripeMethod card =
        StripeMethod.builder()
            .secretKey(Secret.of("sk_test_mpp4jExampleKey0001"))
            .networkId("profile_test_mpp4j")
            .paymentMethodTypes("card")
            .apiBase(stripe.baseUrl())
            .build();
    server =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("rails end-to-end secret of 32+ bytes"), true, false),
            List.of(tempo, card));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    stripe.stop();
  }

  @Test
  void fortuneWhenUnpaidThenOneChallengePerRailInAcceptPaymentOrder() throws Exception {
    HttpResponse<String> plain = Http.get(server, "/api/fortune", null);
    HttpResponse<String> cardFirst =
        Http.getWithHeader(
            server, "/api/fortune", "Accept-Payment", "stripe/charge, tempo/*;q=0.5");

    assertThat(plain.statusCode()).isEqualTo(402);
    assertThat(methods(plain)).containsExactly("tempo", "stripe");
    assertThat(methods(cardFirst)).containsExactly("stripe", "tempo");
    Challenge tempo = challenge(plain, "tempo");
    assertThat(tempo.requestJson().get("amount").asText()).isEqualTo("10000");
    assertThat(tempo.requestJson().path("methodDetails").path("chainId").asLong())
        .isEqualTo(LocalTempoChain.CHAIN_ID);
    assertThat(challenge(plain, "stripe").requestJson().get("amount").asText()).isEqualTo("1");
  }

  @Test
  void fortuneWhenMppxPaysOnChainThenServedWithReceiptAndReplayRefused() throws Exception {
    JsonNode pull = MppxClient.pay(server.uri("/api/fortune"), CHAIN, CHAIN.freshAccount(), "pull");
    JsonNode push = MppxClient.pay(server.uri("/api/premium"), CHAIN, CHAIN.freshAccount(), "push");

    for (JsonNode result : List.of(pull, push)) {
      assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
      assertThat(result.path("receipt").path("method").asText()).isEqualTo("tempo");
      assertThat(result.path("receipt").path("reference").asText()).matches("0x[0-9a-f]{64}");
      JsonNode onChain =
          CHAIN.rpc("eth_getTransactionReceipt", result.path("receipt").path("reference").asText());
      assertThat(onChain.path("status").asText()).isEqualTo("0x1");
    }
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(pull.path("body").asText())
                .path("fortune")
                .asText())
        .isNotBlank();
    HttpResponse<String> replay =
        Http.get(server, "/api/fortune", pull.path("credential").asText());
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(replay.body())
                .path("type")
                .asText())
        .endsWith("/invalid-challenge");
  }

  @Test
  void fortuneWhenPaidWithSharedPaymentTokenThenStripeChargedOnceAndReceiptReturned()
      throws Exception {
    stripe.stubFor(
        post(urlEqualTo(PAYMENT_INTENTS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_mpp4jExample01")
                    .withBody(
                        "{\"id\":\"pi_3Mpp4jExample0001\",\"object\":\"payment_intent\","
                            + "\"amount\":1,\"amount_received\":1,\"currency\":\"usd\","
                            + "\"status\":\"succeeded\",\"created\":1769688028,"
                            + "\"livemode\":false,\"metadata\":{}}")));
    HttpResponse<String> offered = Http.get(server, "/api/fortune", null);
    String credential =
        PaymentHeaders.formatCredential(
            new Credential(
                challenge(offered, "stripe"),
                Json.object().put("spt", "spt_mpp4jExampleToken01"),
                null));

    HttpResponse<String> paid = Http.get(server, "/api/fortune", credential);
    HttpResponse<String> replay = Http.get(server, "/api/fortune", credential);

    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    Receipt receipt =
        PaymentHeaders.parseReceipt(paid.headers().firstValue("Payment-Receipt").orElseThrow());
    assertThat(receipt.method()).isEqualTo("stripe");
    assertThat(receipt.reference()).isEqualTo("pi_3Mpp4jExample0001");
    assertThat(replay.statusCode()).isEqualTo(402);
    List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlEqualTo(PAYMENT_INTENTS)));
    assertThat(sent).hasSize(1);
    String form = URLDecoder.decode(sent.get(0).getBodyAsString(), StandardCharsets.UTF_8);
    assertThat(form)
        .contains("shared_payment_granted_token=spt_mpp4jExampleToken01")
        .contains("amount=1")
        .contains("currency=usd")
        .contains("confirm=true");
  }

  private static List<String> methods(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).stream()
        .map(Challenge::method)
        .toList();
  }

  private static Challenge challenge(HttpResponse<String> response, String method) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).stream()
        .filter(c -> c.method().equals(method))
        .findFirst()
        .orElseThrow();
  }
}
