package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One challenge has one identity (draft-httpauth-payment-00 §5.1.1): respelled ids are refused, and
 * a challenge that asks for the credential in {@code Payment-Authorization} binds that header.
 */
class ChallengeIdentityTest {
  private final MutableClock clock = new MutableClock(START);
  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final Mpp mpp = engine(clock, fake).build();

  private Challenge challenge(List<Offer> offers) {
    return ((Decision.PaymentRequired) mpp.decide(get("/fortune"), offers)).challenges().get(0);
  }

  private static String pay(Challenge challenge, String token) {
    ObjectNode payload = Json.object().put("token", token);
    return PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
  }

  private static Challenge withId(Challenge c, String id) {
    return new Challenge(
        id,
        c.realm(),
        c.method(),
        c.intent(),
        c.request(),
        c.expires(),
        c.digest(),
        c.description(),
        c.opaque(),
        c.header());
  }

  /** Spellings of the same 32 bytes: padding, and every last character with the same value. */
  private static List<String> respellings(String id) {
    List<String> spellings = new ArrayList<>(List.of(id + "=", id + "=="));
    byte[] bytes = Base64Url.decode(id);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (char c : alphabet.toCharArray()) {
      String other = id.substring(0, id.length() - 1) + c;
      if (!other.equals(id) && java.util.Arrays.equals(Base64Url.decode(other), bytes)) {
        spellings.add(other);
      }
    }
    return spellings;
  }

  @Test
  void decideWhenIdRespelledThenInvalidChallengeAndPaidOnlyOnce() {
    Challenge issued = challenge(cents("0.01"));
    List<String> spellings = respellings(issued.id());
    assertThat(spellings).hasSizeGreaterThanOrEqualTo(5);

    for (String spelling : spellings) {
      Decision respelled =
          mpp.decide(
              get("/fortune", "Authorization", pay(withId(issued, spelling), "t-" + spelling)),
              cents("0.01"));
      assertProblem(respelled, ProblemType.INVALID_CHALLENGE, 402);
    }
    Decision canonical =
        mpp.decide(get("/fortune", "Authorization", pay(issued, "canonical")), cents("0.01"));
    Decision again =
        mpp.decide(get("/fortune", "Authorization", pay(issued, "again")), cents("0.01"));

    assertThat(canonical).isInstanceOf(Decision.Paid.class);
    assertProblem(again, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenOfferAsksForPaymentAuthorizationThenChallengeBindsTheHeader() {
    List<Offer> offers =
        List.of(
            Offer.charge("fake")
                .price("0.01")
                .credentialHeader(HttpExchanges.PAYMENT_AUTHORIZATION)
                .build());
    Challenge issued = challenge(offers);

    assertThat(issued.header()).isEqualTo("Payment-Authorization");
    assertThat(PaymentHeaders.formatChallenge(issued)).contains("header=\"Payment-Authorization\"");
    assertThat(ChallengeBinding.of(Secret.of(EngineFixture.SECRET), List.of()).verify(issued))
        .isTrue();
    assertThat(
            ChallengeBinding.of(Secret.of(EngineFixture.SECRET), List.of())
                .verify(
                    new Challenge(
                        issued.id(),
                        issued.realm(),
                        issued.method(),
                        issued.intent(),
                        issued.request(),
                        issued.expires(),
                        issued.digest(),
                        issued.description(),
                        issued.opaque())))
        .as("the header is bound by the id")
        .isFalse();
  }

  @Test
  void decideWhenCredentialInTheHeaderTheChallengeNamesThenPaidElseRefused() {
    List<Offer> offers =
        List.of(
            Offer.charge("fake")
                .price("0.01")
                .credentialHeader(HttpExchanges.PAYMENT_AUTHORIZATION)
                .build());
    Challenge issued = challenge(offers);

    Decision inAuthorization =
        mpp.decide(
            http("Authorization", pay(issued, "t1"), "Authorization", "Bearer api-key"), offers);
    Decision inPaymentAuthorization =
        mpp.decide(
            http("Payment-Authorization", pay(issued, "t2"), "Authorization", "Bearer api-key"),
            offers);

    assertProblem(inAuthorization, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(inPaymentAuthorization).isInstanceOf(Decision.Paid.class);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  private static PaymentExchange http(String... headerPairs) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.computeIfAbsent(headerPairs[i], k -> new ArrayList<>()).add(headerPairs[i + 1]);
    }
    return HttpExchanges.of("GET", "/fortune", null, headers::get, new byte[0]).build();
  }
}
