package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.PaymentHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Challenges a paid route issues and the credentials that pay them, on routes declared by
 * annotation, route table, pricing function and {@code web.xml} (draft-httpauth-payment-00 §5).
 */
abstract class ChallengeSuite extends EndToEndSuite {
  @Test
  void requestWhenRouteAnnotatedAndUnpaidThenChallenge402() throws Exception {
    HttpResponse<String> response = send(get("/api/fortune"));

    assertThat(response.statusCode()).isEqualTo(402);
    List<String> challenges = response.headers().allValues("WWW-Authenticate");
    assertThat(challenges).hasSize(1);
    assertThat(challenges.get(0)).startsWith("Payment ");
    Challenge challenge = PaymentHeaders.parseChallenge(challenges.get(0));
    assertThat(challenge.method()).isEqualTo("fake");
    assertThat(challenge.realm()).isEqualTo("api.test");
    assertThat(challenge.description()).isEqualTo("A fortune");
    assertThat(challenge.requestJson().get("amount").asText()).isEqualTo("1");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + "payment-required");
    assertThat(problem.get("status").asInt()).isEqualTo(402);
    assertThat(problem.get("challengeId").asText()).isEqualTo(challenge.id());
  }

  @Test
  void headWhenGetIsPaidThenChallenged() throws Exception {
    HttpResponse<String> response =
        send(request("/api/fortune").method("HEAD", BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
  }

  @Test
  void requestWhenRouteHasTwoOffersThenTwoChallengesInAcceptPaymentOrder() throws Exception {
    HttpResponse<String> serverOrder = send(get("/api/both"));
    HttpResponse<String> clientOrder =
        send(get("/api/both").header("Accept-Payment", "alt/charge, fake/charge;q=0.5"));

    assertThat(methods(serverOrder)).containsExactly("fake", "alt");
    assertThat(methods(clientOrder)).containsExactly("alt", "fake");
    HttpResponse<String> paid =
        send(get("/api/both").header("Authorization", pay(clientOrder, "alt", token())));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(receipt(paid).method()).isEqualTo("alt");
    assertThat(json(paid).get("method").asText()).isEqualTo("alt");
  }

  @Test
  void requestWhenCredentialValidThenHandlerSeesPaymentAndReceiptIsSent() throws Exception {
    String token = token();
    HttpResponse<String> response =
        send(get("/api/fortune").header("Authorization", pay(send(get("/api/fortune")), token)));

    assertThat(response.statusCode()).isEqualTo(200);
    Receipt receipt = receipt(response);
    assertThat(receipt.method()).isEqualTo("fake");
    assertThat(receipt.reference()).isEqualTo("fake_" + token);
    assertThat(response.headers().firstValue("Cache-Control")).contains("private");
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    JsonNode body = json(response);
    assertThat(body.get("fortune").asText()).isEqualTo("You will be paid.");
    assertThat(body.get("amount").asText()).isEqualTo("1");
    assertThat(body.get("currency").asText()).isEqualTo("usd");
    assertThat(body.get("reference").asText()).isEqualTo("fake_" + token);
    assertThat(body.get("payer").asText()).isEqualTo("did:example:payer");
  }

  @Test
  void credentialWhenUsedTwiceThenInvalidChallenge() throws Exception {
    String credential = pay(send(get("/api/fortune")), token());
    assertThat(send(get("/api/fortune").header("Authorization", credential)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> replay = send(get("/api/fortune").header("Authorization", credential));

    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(problemType(replay)).isEqualTo("invalid-challenge");
    assertThat(replay.headers().allValues("WWW-Authenticate")).hasSize(1);
  }

  @Test
  void credentialWhenIssuedForCheapRouteThenRefusedOnExpensiveRoute() throws Exception {
    int settled = app.fake.settlements();
    String cheap = pay(send(get("/api/fortune")), token());

    HttpResponse<String> response = send(get("/api/premium").header("Authorization", cheap));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(problemType(response)).isEqualTo("invalid-challenge");
    Challenge fresh =
        PaymentHeaders.parseChallenge(
            response.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertThat(fresh.requestJson().get("amount").asText()).isEqualTo("50");
    assertThat(app.fake.settlements()).isEqualTo(settled);
  }

  @Test
  void searchWhenCredentialForOtherQueryThenRefused() throws Exception {
    HttpResponse<String> challenge = send(get("/api/search?q=red+fox"));
    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(amount(challenge)).isEqualTo("2");
    assertThat(amount(send(get("/api/search?q=one+two+three")))).isEqualTo("3");
    String credential = pay(challenge, token());

    HttpResponse<String> other =
        send(get("/api/search?q=big+cat").header("Authorization", credential));
    HttpResponse<String> same =
        send(get("/api/search?q=red+fox").header("Authorization", credential));

    assertThat(other.statusCode()).isEqualTo(402);
    assertThat(problemType(other)).isEqualTo("invalid-challenge");
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(json(same).get("amount").asText()).isEqualTo("2");
  }

  @Test
  void searchWhenPricingFunctionReturnsNothingThenRequestIsFree() throws Exception {
    HttpResponse<String> response = send(get("/api/search"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("paid").asBoolean()).isFalse();
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void routeTableWhenPatternHasVariableThenEveryItemIsCharged() throws Exception {
    HttpResponse<String> first = send(get("/api/items/42"));
    String credential = pay(first, token());

    HttpResponse<String> otherItem = send(get("/api/items/43").header("Authorization", credential));
    HttpResponse<String> paid = send(get("/api/items/42").header("Authorization", credential));

    assertThat(amount(first)).isEqualTo("3");
    assertThat(otherItem.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).isEqualTo(200);
  }

  @Test
  void filterWhenInstantiatedByContainerThenConfigureSuppliesItsRoutes() throws Exception {
    HttpResponse<String> challenge = send(get("/xml/thing"));
    HttpResponse<String> paid =
        send(get("/xml/thing").header("Authorization", pay(challenge, token())));

    assertThat(amount(challenge)).isEqualTo("7");
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("amount").asText()).isEqualTo("7");
  }
}
