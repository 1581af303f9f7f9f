package io.mpp4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.tempo.MppxClient;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code @Paid} controllers on a real embedded server: challenges, payment by the reference client
 * mppx on the local chain, replays, path variables and HTTP methods, the payment argument, pricing
 * beans and discovery (draft-httpauth-payment-00 §5, draft-payment-discovery-00).
 */
class PaidControllerTest extends PaidAppTest {

  @Test
  void paidControllerWhenUnpaidThen402WithAChallengePerMethod() throws Exception {
    HttpResponse<String> response = get("/api/fortune", null);

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")))
        .extracting(c -> c.method())
        .containsExactly("tempo", "fake");
    assertThat(json(response).get("type").asText()).endsWith("/payment-required");
  }

  @Test
  void x402WhenEnabledByPropertyThenThe402AlsoCarriesPaymentRequiredForTheX402Method()
      throws Exception {
    HttpResponse<String> response = get("/api/fortune", null);

    JsonNode required =
        Json.parseObject(
            Base64.getDecoder()
                .decode(response.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()));
    assertThat(required.path("x402Version").asInt()).isEqualTo(2);
    assertThat(required.path("accepts")).hasSize(1);
    assertThat(required.path("accepts").get(0).path("network").asText()).isEqualTo("test:1");
  }

  @Test
  void mppxWhenItPaysAControllerOnTheLocalChainThen200WithReceiptAndReplayRefused()
      throws Exception {
    JsonNode result =
        MppxClient.pay(
            uri("/api/fortune"), SharedServices.CHAIN, SharedServices.CHAIN.freshAccount(), "pull");

    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
    JsonNode receipt = result.path("receipt");
    assertThat(receipt.path("method").asText()).isEqualTo("tempo");
    assertThat(receipt.path("reference").asText()).matches("0x[0-9a-f]{64}");
    assertThat(result.path("body").asText()).contains(receipt.path("reference").asText());

    HttpResponse<String> replay = get("/api/fortune", result.path("credential").asText());
    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(replay.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(json(replay).get("type").asText()).endsWith("/invalid-challenge");
  }

  @Test
  void pathVariablesAndMethodsWhenResolvedThenEachMappingChargesItsOwnPrice() throws Exception {
    HttpResponse<String> get = get("/api/items/7", null);
    HttpResponse<String> post = send("POST", "/api/items/7", "new name", null);
    HttpResponse<String> delete = send("DELETE", "/api/items/7", "", null);

    assertThat(amount(get)).isEqualTo("2");
    assertThat(amount(post)).isEqualTo("5");
    assertThat(delete.statusCode()).isEqualTo(200);
    assertThat(json(delete).get("deleted").asText()).isEqualTo("7");

    HttpResponse<String> paid = send("POST", "/api/items/7", "new name", pay(post));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("body").asText()).isEqualTo("new name");
    assertThat(json(paid).get("paid").asText()).isEqualTo("5");
    assertThat(paid.headers().firstValue("Payment-Receipt")).isPresent();
  }

  @Test
  void credentialWhenUsedForAnotherPathVariableThenRefused() throws Exception {
    String credential = pay(get("/api/items/7", null));

    HttpResponse<String> other = get("/api/items/8", credential);

    assertThat(other.statusCode()).isEqualTo(402);
    assertThat(json(other).get("type").asText()).endsWith("/invalid-challenge");
    assertThat(get("/api/items/7", credential).statusCode()).isEqualTo(200);
  }

  @Test
  void paidClassWhenItsMappingMatchesThenChargedElseNotFound() throws Exception {
    HttpResponse<String> report = get("/api/reports/2025", null);
    HttpResponse<String> notAYear = get("/api/reports/latest", null);

    assertThat(amount(report)).isEqualTo("3");
    assertThat(notAYear.statusCode()).isEqualTo(404);
    HttpResponse<String> paid = get("/api/reports/2025", pay(report));
    assertThat(json(paid).get("year").asText()).isEqualTo("2025");
    assertThat(json(paid).get("method").asText()).isEqualTo("fake");
  }

  @Test
  void pricingBeanWhenItPricesTheRequestThenThatPriceElseFree() throws Exception {
    assertThat(amount(get("/api/search?q=cat", null))).isEqualTo("1");
    assertThat(amount(get("/api/search?q=a+longer+query", null))).isEqualTo("5");
    HttpResponse<String> free = get("/api/search", null);
    assertThat(free.statusCode()).isEqualTo(200);
    assertThat(free.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void paidHandlerWhenReachedByAForwardFromAFreeOneThenRefusedNotServed() throws Exception {
    HttpResponse<String> response = get("/sneaky", null);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("fortune");
  }

  @Test
  void freeRouteWhenRequestedThenUntouched() throws Exception {
    HttpResponse<String> response = get("/free", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void discoveryWhenRequestedThenListsTheControllersPaidOperations() throws Exception {
    JsonNode doc = json(get("/openapi.json", null));

    assertThat(doc.at("/info/title").asText()).isEqualTo("Shop");
    JsonNode fortune = doc.at("/paths/~1api~1fortune/get");
    assertThat(fortune.at("/summary").asText()).isEqualTo("A fortune");
    assertThat(fortune.at("/x-payment-info/offers/0/method").asText()).isEqualTo("tempo");
    assertThat(fortune.at("/x-payment-info/offers/0/amount").asText()).isEqualTo("10000");
    assertThat(doc.at("/paths/~1api~1items~1{id}/post/x-payment-info/offers/0/amount").asText())
        .isEqualTo("5");
    assertThat(doc.at("/paths/~1api~1items~1{id}/delete").isMissingNode()).isTrue();
    assertThat(doc.at("/paths/~1api~1reports~1{year}/get/parameters/0/name").asText())
        .isEqualTo("year");
    assertThat(doc.at("/paths/~1api~1search/get/x-payment-info/offers/0/amount").isNull()).isTrue();
    assertThat(doc.at("/paths/~1free").isMissingNode()).isTrue();
  }

  private static String amount(HttpResponse<String> challenge) {
    assertThat(challenge.statusCode()).as(challenge.body()).isEqualTo(402);
    var challenges =
        PaymentHeaders.parseChallenges(challenge.headers().allValues("WWW-Authenticate"));
    String request = io.mpp4j.core.codec.Base64Url.decodeUtf8(challenges.get(0).request());
    return io.mpp4j.core.codec.Json.parseObject(
            request.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .get("amount")
        .asText();
  }

  private static String pay(HttpResponse<String> challenge) {
    return FakePaymentMethod.payHeaders(
        challenge.headers().allValues("WWW-Authenticate"), "fake", UUID.randomUUID().toString());
  }
}
