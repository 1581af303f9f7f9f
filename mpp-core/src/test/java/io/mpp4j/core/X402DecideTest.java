package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.engine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.FakeX402Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class X402DecideTest {
  private static final String URL = "https://api.example.com/api/fortune";

  private final MutableClock clock = new MutableClock(START);
  private final FakeX402Method x402 = new FakeX402Method();
  private final FakePaymentMethod other = new FakePaymentMethod("other");
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private Mpp mpp;
  private List<Offer> offers;

  @BeforeEach
  void setUp() {
    mpp = engine(clock, x402, other).listener(events::add).build();
    offers =
        mpp.withX402(
            List.of(
                Offer.charge("fake").price("0.01").build(),
                Offer.charge("other").price("0.01").build()));
  }

  private PaymentExchange exchange(String path, Map<String, String> headers) {
    return HttpExchanges.of(
            "GET",
            path,
            null,
            name -> headers.containsKey(name) ? List.of(headers.get(name)) : null,
            new byte[0])
        .build();
  }

  private PaymentExchange x402(String path, String signature) {
    return HttpExchanges.of("GET", path, null, name -> null, new byte[0])
        .credential(X402Headers.PAYMENT_SIGNATURE, signature)
        .build();
  }

  private Decision.PaymentRequired required(String path) {
    return (Decision.PaymentRequired) mpp.decide(exchange(path, Map.of()), offers);
  }

  private String paymentRequired(Decision.PaymentRequired decision) {
    return mpp.x402PaymentRequired(decision.challenges(), URL, decision.problem().detail())
        .orElseThrow();
  }

  @Test
  void withX402WhenMethodTakesX402ThenOnlyItsChargeOffersGetATwin() {
    assertThat(offers).hasSize(3);
    assertThat(offers.get(2).method()).isEqualTo("fake");
    assertThat(offers.get(2).credentialHeader()).isEqualTo(X402Headers.PAYMENT_SIGNATURE);
    List<Offer> plain = List.of(Offer.charge("other").price("0.01").build());
    assertThat(mpp.withX402(plain)).isSameAs(plain);
  }

  @Test
  void paymentRequiredWhenTwinIssuedThenHeaderCarriesItsChallengeAndRequirement() {
    Decision.PaymentRequired decision = required("/api/fortune");
    Challenge twin =
        decision.challenges().stream().filter(X402Headers::isX402).findFirst().orElseThrow();
    ObjectNode header = Json.parseObject(Base64.getDecoder().decode(paymentRequired(decision)));
    assertThat(header.path("x402Version").asInt()).isEqualTo(2);
    assertThat(header.path("error").asText()).isEqualTo("Payment is required.");
    assertThat(header.path("resource").path("url").asText()).isEqualTo(URL);
    ObjectNode accepted = (ObjectNode) header.path("accepts").get(0);
    assertThat(accepted.path("amount").asText()).isEqualTo("1");
    assertThat(accepted.path("extra").path("name").asText()).isEqualTo("Fake");
    assertThat(accepted.path("extra").path("mpp").path("id").asText()).isEqualTo(twin.id());
    assertThat(header.path("accepts").size()).isEqualTo(1);
  }

  @Test
  void decideWhenPaymentSignatureEchoesTwinThenPaidOnceAndReplayRefused() {
    String signature = FakeX402Method.pay(paymentRequired(required("/api/fortune")), "tok-1");
    Decision paid = mpp.decide(x402("/api/fortune", signature), offers);
    assertThat(paid).isInstanceOf(Decision.Paid.class);
    Payment payment = ((Decision.Paid) paid).payment();
    assertThat(payment.source()).isEqualTo("did:pkh:test:1:payer");
    ObjectNode response =
        Json.parseObject(Base64.getDecoder().decode(X402Headers.paymentResponse(payment)));
    assertThat(response.path("success").asBoolean()).isTrue();
    assertThat(response.path("transaction").asText()).isEqualTo("fake_tok-1");
    assertThat(response.path("network").asText()).isEqualTo("test:1");
    assertThat(response.path("payer").asText()).isEqualTo("payer");

    Decision replay = mpp.decide(x402("/api/fortune", signature), offers);
    assertThat(replay).isInstanceOf(Decision.PaymentRequired.class);
    assertThat(((Decision.PaymentRequired) replay).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(x402.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenTwinPresentedAsNativeCredentialThenRefused() {
    Decision.PaymentRequired decision = required("/api/fortune");
    Challenge twin =
        decision.challenges().stream().filter(X402Headers::isX402).findFirst().orElseThrow();
    String native_ = FakePaymentMethod.pay(List.of(twin), "fake", "tok-2");
    Decision refused =
        mpp.decide(exchange("/api/fortune", Map.of("Authorization", native_)), offers);
    assertThat(((Decision.PaymentRequired) refused).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(x402.settlements()).isZero();
  }

  @Test
  void decideWhenNativeChallengeSmuggledIntoPaymentSignatureThenRefused() {
    Decision.PaymentRequired decision = required("/api/fortune");
    Challenge native_ =
        decision.challenges().stream()
            .filter(c -> c.method().equals("fake") && !X402Headers.isX402(c))
            .findFirst()
            .orElseThrow();
    ObjectNode payload =
        FakeX402Method.decode(FakeX402Method.pay(paymentRequired(decision), "tok-3"));
    ObjectNode accepted = (ObjectNode) payload.get("accepted");
    ObjectNode rebound =
        X402Headers.bind(Json.object(), native_).with("extra").with("mpp").deepCopy();
    ((ObjectNode) accepted.get("extra")).set("mpp", rebound);
    Decision refused = mpp.decide(x402("/api/fortune", X402Headers.encode(payload)), offers);
    assertThat(((Decision.PaymentRequired) refused).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(x402.settlements()).isZero();
  }

  @Test
  void decideWhenEchoedRequirementAlteredThenRefusedBeforeTheMethod() throws Exception {
    ObjectNode payload =
        FakeX402Method.decode(FakeX402Method.pay(paymentRequired(required("/api/fortune")), "t4"));
    ((ObjectNode) payload.get("accepted")).put("payTo", "someone-else");
    Decision refused = mpp.decide(x402("/api/fortune", X402Headers.encode(payload)), offers);
    Decision.PaymentRequired required = (Decision.PaymentRequired) refused;
    assertThat(required.problem().type()).isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(required.problem().detail()).contains("does not echo");
    assertThat(x402.settlements()).isZero();
    PaymentEvent.PaymentRefused refusal = awaitRefusal();
    assertThat(refusal.challengeId()).isNotNull();
    assertThat(refusal.type()).isEqualTo(ProblemType.INVALID_CHALLENGE);
  }

  private PaymentEvent.PaymentRefused awaitRefusal() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (PaymentEvent event : events) {
        if (event instanceof PaymentEvent.PaymentRefused refused) {
          return refused;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no PaymentRefused event");
  }

  @Test
  void decideWhenPaidForAnotherRouteThenRefused() {
    String signature = FakeX402Method.pay(paymentRequired(required("/api/cheap")), "tok-5");
    Decision refused = mpp.decide(x402("/api/fortune", signature), offers);
    assertThat(((Decision.PaymentRequired) refused).problem().type())
        .isEqualTo(ProblemType.INVALID_CHALLENGE);
  }

  @Test
  void decideWhenPaymentSignatureIsNotAPaymentPayloadThenMalformed() {
    for (String garbage :
        List.of(
            "%%%",
            Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder()
                .encodeToString(
                    "{\"x402Version\":1,\"accepted\":{},\"payload\":{}}"
                        .getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder()
                .encodeToString(
                    "{\"x402Version\":2,\"accepted\":{},\"payload\":{}}"
                        .getBytes(StandardCharsets.UTF_8)))) {
      Decision refused = mpp.decide(x402("/api/fortune", garbage), offers);
      assertThat(((Decision.PaymentRequired) refused).problem().type())
          .as(garbage)
          .isEqualTo(ProblemType.MALFORMED_CREDENTIAL);
    }
  }

  @Test
  void decideWhenChallengeExpiredThenPaymentExpired() {
    String signature = FakeX402Method.pay(paymentRequired(required("/api/fortune")), "tok-6");
    clock.advance(Duration.ofMinutes(6));
    Decision refused = mpp.decide(x402("/api/fortune", signature), offers);
    assertThat(((Decision.PaymentRequired) refused).problem().type())
        .isEqualTo(ProblemType.PAYMENT_EXPIRED);
  }

  @Test
  void decideWhenNativeAndX402CredentialsBothPresentThenBadRequest() {
    Decision.PaymentRequired decision = required("/api/fortune");
    String signature = FakeX402Method.pay(paymentRequired(decision), "tok-7");
    String native_ =
        PaymentHeaders.formatCredential(
            FakePaymentMethod.credential(
                decision.challenges().stream().filter(c -> !X402Headers.isX402(c)).toList(),
                "fake",
                "tok-8"));
    PaymentExchange both =
        HttpExchanges.of(
                "GET",
                "/api/fortune",
                null,
                name -> name.equalsIgnoreCase("Authorization") ? List.of(native_) : null,
                new byte[0])
            .credential(X402Headers.PAYMENT_SIGNATURE, signature)
            .build();
    assertThat(mpp.decide(both, offers).status()).isEqualTo(400);
    assertThat(x402.settlements()).isZero();
  }
}
