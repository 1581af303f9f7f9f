package io.mpp4j.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.MutableClock;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A card payment whose answer never arrived (draft-stripe-charge-00 §Settlement Procedure): the
 * engine keeps it pending, and the client's retry of the same credential asks Stripe again with the
 * same idempotency key and is served from the first PaymentIntent, once.
 */
class StripeRecoveryTest {
  private static final List<Offer> OFFERS =
      List.of(Offer.charge(StripeMethod.ID).price("25.00").build());

  @RegisterExtension
  static WireMockExtension stripe =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MemoryLedger ledger = new MemoryLedger();
  private final MutableClock clock = new MutableClock(Instant.now());
  private Mpp mpp;

  @BeforeEach
  void setUp() {
    mpp =
        Mpp.builder()
            .realm(Fixtures.REALM)
            .secret(Secret.of("recovery-test-secret-recovery-test-secret"))
            .method(
                Fixtures.method()
                    .apiBase(stripe.baseUrl())
                    .readTimeout(Duration.ofMillis(300))
                    .build())
            .ledger(ledger)
            .clock(clock)
            .reconcileEvery(null)
            .build();
  }

  private void answer(int delayMillis, String replayed) {
    stripe.resetAll();
    stripe.stubFor(
        post(urlEqualTo("/v1/payment_intents"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Idempotent-Replayed", replayed)
                    .withFixedDelay(delayMillis)
                    .withBody(Fixtures.resource("payment_intent_succeeded.json"))));
  }

  private String credential() {
    Challenge challenge =
        ((Decision.PaymentRequired) mpp.decide(request(null), OFFERS)).challenges().get(0);
    ObjectNode payload = Json.object().put("spt", Fixtures.SPT);
    return PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
  }

  private static PaymentExchange request(String authorization) {
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

  @Test
  void retryWhenStripeDidNotAnswerThenSameIdempotencyKeyAndServedOnce() {
    String credential = credential();
    answer(2_000, "false");
    Decision timedOut = mpp.decide(request(credential), OFFERS);
    answer(0, "true");

    Decision retry = mpp.decide(request(credential), OFFERS);
    Decision again = mpp.decide(request(credential), OFFERS);

    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(retry).isInstanceOf(Decision.Paid.class);
    assertThat(((Decision.Paid) retry).receipt().reference())
        .isEqualTo("pi_3QxMpp4jTest0001Abcdefgh");
    assertThat(((Decision.PaymentRequired) again).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
    assertThat(sent).hasSize(1);
    String challengeId = PaymentHeaders.parseCredential(credential).challenge().id();
    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/payment_intents"))
            .withHeader("Idempotency-Key", equalTo("mpp_" + challengeId + "_" + Fixtures.SPT)));
    assertThat(
            ledger.query(
                LedgerQuery.between(
                        clock.instant().minusSeconds(60), clock.instant().plusSeconds(60))
                    .build()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.reference()).isEqualTo("pi_3QxMpp4jTest0001Abcdefgh");
            });
  }

  @Test
  void reconcileWhenNobodyRetriesThenTheLedgerLearnsTheOutcome() {
    String credential = credential();
    answer(2_000, "false");
    mpp.decide(request(credential), OFFERS);
    answer(0, "true");
    clock.advance(Duration.ofSeconds(11));

    int resolved = mpp.reconcile();

    assertThat(resolved).isEqualTo(1);
    assertThat(
            ledger.query(
                LedgerQuery.between(
                        clock.instant().minusSeconds(60), clock.instant().plusSeconds(60))
                    .status(LedgerEntry.Status.SETTLED)
                    .build()))
        .hasSize(1);
  }

  @Test
  void reconcileWhenTheIdempotencyKeyMayHaveExpiredThenLookedUpNeverCreatedAgain() {
    String credential = credential();
    answer(2_000, "false");
    mpp.decide(request(credential), OFFERS);
    stripe.resetAll();
    String found =
        "{\"object\":\"search_result\",\"url\":\"/v1/payment_intents/search\","
            + "\"has_more\":false,\"data\":["
            + Fixtures.resource("payment_intent_succeeded.json")
            + "]}";
    stripe.stubFor(
        get(urlPathEqualTo("/v1/payment_intents/search"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(found)));
    clock.advance(Duration.ofHours(24));

    int resolved = mpp.reconcile();

    String challengeId = PaymentHeaders.parseCredential(credential).challenge().id();
    assertThat(resolved).isEqualTo(1);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).isEmpty();
    stripe.verify(
        getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
            .withQueryParam(
                "query", equalTo("metadata['mpp_challenge_id']:'" + challengeId + "'")));
    assertThat(
            ledger.query(
                LedgerQuery.between(clock.instant().minus(Duration.ofDays(2)), clock.instant())
                    .status(LedgerEntry.Status.SETTLED)
                    .build()))
        .singleElement()
        .satisfies(e -> assertThat(e.reference()).isEqualTo("pi_3QxMpp4jTest0001Abcdefgh"));
  }

  @Test
  void reconcileWhenStripeHoldsNoPaymentIntentAfterADayThenFailed() {
    String credential = credential();
    answer(2_000, "false");
    mpp.decide(request(credential), OFFERS);
    stripe.resetAll();
    stripe.stubFor(
        get(urlPathEqualTo("/v1/payment_intents/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"search_result\",\"url\":\"/v1/payment_intents/search\","
                            + "\"has_more\":false,\"data\":[]}")));
    clock.advance(Duration.ofHours(24));

    mpp.reconcile();

    assertThat(
            ledger.query(
                LedgerQuery.between(clock.instant().minus(Duration.ofDays(2)), clock.instant())
                    .status(LedgerEntry.Status.FAILED)
                    .build()))
        .hasSize(1);
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).isEmpty();
  }
}
