package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.exchange;
import static io.mpp4j.core.EngineFixture.get;
import static io.mpp4j.core.EngineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Jcs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A credential pays only for the challenge it echoes: issued by this server for this route, price
 * and body, unexpired and unused (draft-httpauth-payment-00 §5, "Challenge Binding").
 */
class PinnedChallengeTest extends AbstractDecideTest {
  @Test
  void decideWhenOpaqueHasNoNonceThenInvalidChallenge() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);
    String opaque = Base64Url.encode("{\"scope\":\"GET /fortune\"}");
    Challenge noNonce =
        EngineFixture.signed(
            Challenge.builder()
                .realm(issued.realm())
                .method("fake")
                .intent("charge")
                .request(issued.request())
                .expires(issued.expires())
                .opaque(opaque));

    Decision decision =
        mpp.decide(get("/fortune", "Authorization", credential(noNonce, "t1")), cents("0.01"));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
  }

  @Test
  void decideWhenCredentialReplayedThenInvalidChallengeAndNoSecondSettlement() {
    String credential = payFortune("t1");
    mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    Decision replay = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    assertProblem(replay, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenCheapChallengePaysExpensiveRouteThenInvalidChallenge() {
    String cheap = payFortune("t1");

    Decision decision = mpp.decide(get("/fortune", "Authorization", cheap), cents("0.50"));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenChallengeOfAnotherResourceThenInvalidChallenge() {
    String forFortune = payFortune("t1");

    Decision onPremium = mpp.decide(get("/premium", "Authorization", forFortune), cents("0.01"));
    Decision onQuery =
        mpp.decide(
            exchange("GET", "/fortune", "q=other", new byte[0], "Authorization", forFortune),
            cents("0.01"));

    assertProblem(onPremium, ProblemType.INVALID_CHALLENGE, 402);
    assertProblem(onQuery, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenEchoedRequestTamperedThenInvalidChallenge() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);
    var request = issued.requestJson();
    request.put("amount", "0");
    Challenge tampered =
        new Challenge(
            issued.id(),
            issued.realm(),
            issued.method(),
            issued.intent(),
            Jcs.encode(request),
            issued.expires(),
            issued.digest(),
            issued.description(),
            issued.opaque());

    Decision decision =
        mpp.decide(get("/fortune", "Authorization", credential(tampered, "t1")), cents("0"));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
  }

  @Test
  void decideWhenChallengeExpiredThenPaymentExpired() {
    String credential = payFortune("t1");
    clock.advance(Duration.ofMinutes(5));

    Decision decision = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    assertProblem(decision, ProblemType.PAYMENT_EXPIRED, 402);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenChallengeHasNoExpiryThenInvalidChallenge() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);
    Challenge noExpiry =
        EngineFixture.signed(
            Challenge.builder()
                .realm(issued.realm())
                .method("fake")
                .intent("charge")
                .request(issued.request())
                .opaque(issued.opaque()));

    Decision decision =
        mpp.decide(get("/fortune", "Authorization", credential(noExpiry, "t1")), cents("0.01"));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
  }

  @Test
  void decideWhenBodyChangedAfterChallengeThenInvalidChallenge() {
    List<Offer> offers = cents("0.02");
    PaymentExchange first = exchange("POST", "/echo", null, utf8("{\"a\":1}"));
    Challenge issued = challenge(first, offers).challenges().get(0);
    assertThat(issued.digest())
        .isEqualTo(
            "sha-256=:" + java.util.Base64.getEncoder().encodeToString(sha256("{\"a\":1}")) + ":");
    String credential = credential(issued, "t1");

    Decision changed =
        mpp.decide(
            exchange("POST", "/echo", null, utf8("{\"a\":2}"), "Authorization", credential),
            offers);
    Decision same =
        mpp.decide(
            exchange("POST", "/echo", null, utf8("{\"a\":1}"), "Authorization", credential),
            offers);

    assertProblem(changed, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(same).isInstanceOf(Decision.Paid.class);
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(utf8(text));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
