package io.mpp4j.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One route offering Stripe and another method through the engine (draft-httpauth-payment-00 §5:
 * one challenge per offer), paid by a Stripe credential against WireMock.
 */
class StripeWithEngineTest {
  private static final List<Offer> OFFERS =
      List.of(
          Offer.charge(StripeMethod.ID).price("25.00").externalId("order-42").build(),
          Offer.charge(FakePaymentMethod.ID).price("25.00").build());

  @RegisterExtension
  static WireMockExtension stripe =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakePaymentMethod fake = new FakePaymentMethod();
  private Mpp mpp;

  @BeforeEach
  void setUp() {
    stripe.stubFor(
        post(urlEqualTo("/v1/payment_intents"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_Mpp4jEngine0001")
                    .withBody(Fixtures.resource("payment_intent_succeeded.json"))));
    mpp =
        Mpp.builder()
            .realm(Fixtures.REALM)
            .secret(Secret.of("engine-test-secret-engine-test-secret-01"))
            .method(Fixtures.method().apiBase(stripe.baseUrl()).build())
            .method(fake)
            .build();
  }

  private static PaymentExchange get(String authorization) {
    return HttpExchanges.of(
            "GET",
            "/reports/7",
            null,
            name ->
                authorization != null && name.equalsIgnoreCase("Authorization")
                    ? List.of(authorization)
                    : List.of(),
            new byte[0])
        .build();
  }

  private static String payStripe(List<Challenge> challenges, String spt) {
    Challenge challenge =
        challenges.stream()
            .filter(c -> c.method().equals(StripeMethod.ID))
            .findFirst()
            .orElseThrow();
    ObjectNode payload = Json.object();
    payload.put("spt", spt);
    payload.put("externalId", "order-42");
    return PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
  }

  @Test
  void decideWhenNoCredentialThenStripeAndFakeChallenges() {
    Decision decision = mpp.decide(get(null), OFFERS);

    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    List<Challenge> challenges = ((Decision.PaymentRequired) decision).challenges();
    assertThat(challenges).extracting(Challenge::method).containsExactly("stripe", "fake");
    ObjectNode request = challenges.get(0).requestJson();
    assertThat(request.get("amount").textValue()).isEqualTo("2500");
    assertThat(request.get("currency").textValue()).isEqualTo("usd");
    assertThat(request.at("/methodDetails/networkId").textValue()).isEqualTo(Fixtures.NETWORK_ID);
    assertThat(request.at("/methodDetails/paymentMethodTypes").toString())
        .isEqualTo("[\"card\",\"link\"]");
  }

  @Test
  void decideWhenStripeCredentialThenPaidOnceThroughStripe() {
    List<Challenge> challenges =
        ((Decision.PaymentRequired) mpp.decide(get(null), OFFERS)).challenges();
    String authorization = payStripe(challenges, Fixtures.SPT);

    Decision paid = mpp.decide(get(authorization), OFFERS);

    assertThat(paid).isInstanceOf(Decision.Paid.class);
    Receipt receipt = ((Decision.Paid) paid).receipt();
    assertThat(receipt.method()).isEqualTo("stripe");
    assertThat(receipt.reference()).isEqualTo("pi_3QxMpp4jTest0001Abcdefgh");
    assertThat(receipt.extra()).containsEntry("externalId", "order-42");
    assertThat(fake.settlements()).isZero();
    List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
    String challengeId = PaymentHeaders.parseCredential(authorization).challenge().id();
    assertThat(sent).singleElement();
    assertThat(sent.get(0).getHeader("Idempotency-Key"))
        .isEqualTo("mpp_" + challengeId + "_" + Fixtures.SPT);
    assertThat(Fixtures.form(sent.get(0).getBodyAsString()))
        .containsAllEntriesOf(Map.of("amount", "2500", "metadata[mpp_challenge_id]", challengeId));

    Decision replay = mpp.decide(get(authorization), OFFERS);
    assertThat(replay).isInstanceOf(Decision.PaymentRequired.class);
    assertThat(((Decision.PaymentRequired) replay).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(1);
  }

  @Test
  void decideWhenSameTokenOnAFreshChallengeThenRefusedWithoutCallingStripeAgain() {
    List<Challenge> first = ((Decision.PaymentRequired) mpp.decide(get(null), OFFERS)).challenges();
    assertThat(mpp.decide(get(payStripe(first, Fixtures.SPT)), OFFERS))
        .isInstanceOf(Decision.Paid.class);

    List<Challenge> second =
        ((Decision.PaymentRequired) mpp.decide(get(null), OFFERS)).challenges();
    Decision reused = mpp.decide(get(payStripe(second, Fixtures.SPT)), OFFERS);

    assertThat(reused).isInstanceOf(Decision.PaymentRequired.class);
    assertThat(((Decision.PaymentRequired) reused).problem().type())
        .isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(1);
  }

  @Test
  void decideWhenFakeCredentialOnTheSameRouteThenStripeIsNotCalled() {
    List<Challenge> challenges =
        ((Decision.PaymentRequired) mpp.decide(get(null), OFFERS)).challenges();

    Decision paid =
        mpp.decide(get(FakePaymentMethod.pay(challenges, FakePaymentMethod.ID, "tok-1")), OFFERS);

    assertThat(paid).isInstanceOf(Decision.Paid.class);
    assertThat(fake.settlements()).isEqualTo(1);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).isEmpty();
  }
}
