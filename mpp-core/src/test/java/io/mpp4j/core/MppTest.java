package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.exchange;
import static io.mpp4j.core.EngineFixture.get;
import static io.mpp4j.core.EngineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's decisions (draft-httpauth-payment-00 §5 and the charge intent). */
class MppTest {
  private final MutableClock clock = new MutableClock(START);
  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final Mpp mpp = engine(clock, fake).build();

  private Decision.PaymentRequired challenge(PaymentExchange exchange, List<Offer> offers) {
    return (Decision.PaymentRequired) mpp.decide(exchange, offers);
  }

  private String payFortune(String token) {
    return FakePaymentMethod.pay(
        challenge(get("/fortune"), cents("0.01")).challenges(), "fake", token);
  }

  @Test
  void decideWhenNoCredentialThenPaymentRequiredWithBoundChallenge() {
    Decision.PaymentRequired decision = challenge(get("/fortune"), cents("0.01"));

    assertThat(decision.status()).isEqualTo(402);
    assertThat(decision.challenges()).hasSize(1);
    Challenge challenge = decision.challenges().get(0);
    assertThat(challenge.realm()).isEqualTo("api.example.com");
    assertThat(challenge.method()).isEqualTo("fake");
    assertThat(challenge.intent()).isEqualTo("charge");
    assertThat(challenge.requestJson().get("amount").textValue()).isEqualTo("1");
    assertThat(challenge.requestJson().get("currency").textValue()).isEqualTo("usd");
    assertThat(Timestamps.parse(challenge.expires())).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(challenge.expires()).isEqualTo("2026-11-21T12:05:00.000Z");
    assertThat(challenge.digest()).isNull();
    assertThat(Base64Url.decodeUtf8(challenge.opaque()))
        .matches("\\{\"nonce\":\"[A-Za-z0-9_-]{22}\",\"scope\":\"GET /fortune\"}");
    assertThat(decision.problem().type()).isEqualTo(ProblemType.PAYMENT_REQUIRED);
    assertThat(decision.problem().challengeId()).isEqualTo(challenge.id());
    assertThat(ChallengeBinding.of(Secret.of(EngineFixture.SECRET), List.of()).verify(challenge))
        .isTrue();
  }

  @Test
  void decideWhenSameRequestInSameMillisecondThenEachChallengeIsUnique() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      ids.add(challenge(get("/fortune"), cents("0.01")).challenges().get(0).id());
    }

    assertThat(ids).hasSize(100);
  }

  @Test
  void decideWhenTwoClientsPayTwoChallengesOfOneInstantThenBothSettle() {
    String first = payFortune("t1");
    String second = payFortune("t2");

    assertThat(mpp.decide(get("/fortune", "Authorization", first), cents("0.01")))
        .isInstanceOf(Decision.Paid.class);
    assertThat(mpp.decide(get("/fortune", "Authorization", second), cents("0.01")))
        .isInstanceOf(Decision.Paid.class);
    assertThat(fake.settlements()).isEqualTo(2);
  }

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
  void decideWhenValidCredentialThenPaidWithReceipt() {
    Decision decision =
        mpp.decide(get("/fortune", "Authorization", payFortune("t1")), cents("0.01"));

    assertThat(decision).isInstanceOf(Decision.Paid.class);
    Decision.Paid paid = (Decision.Paid) decision;
    assertThat(paid.payment().amount()).isEqualTo(1);
    assertThat(paid.payment().reference()).isEqualTo("fake_t1");
    assertThat(paid.payment().payer()).contains("did:example:payer");
    Receipt receipt = paid.receipt();
    assertThat(receipt.method()).isEqualTo("fake");
    assertThat(receipt.reference()).isEqualTo("fake_t1");
    assertThat(receipt.timestamp()).isEqualTo(START);
    assertThat(Base64Url.decodeUtf8(PaymentHeaders.formatReceipt(paid.receipt())))
        .isEqualTo(
            "{\"method\":\"fake\",\"reference\":\"fake_t1\",\"status\":\"success\","
                + "\"timestamp\":\"2026-11-21T12:00:00.000Z\"}");
    assertThat(fake.settlements()).isEqualTo(1);
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

  @Test
  void decideWhenSeveralCredentialsThenBadRequest() {
    String a = payFortune("t1");
    String b = payFortune("t2");

    Decision decision =
        mpp.decide(get("/fortune", "Authorization", a, "Authorization", b), cents("0.01"));

    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    assertThat(decision.status()).isEqualTo(400);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenCredentialMalformedThenMalformedCredentialWithFreshChallenge() {
    for (String bad :
        List.of(
            "Payment !!!",
            "Payment " + Base64Url.encode("[1]"),
            "Payment " + Base64Url.encode("{}"),
            "Payment")) {
      Decision decision = mpp.decide(get("/fortune", "Authorization", bad), cents("0.01"));
      assertProblem(decision, ProblemType.MALFORMED_CREDENTIAL, 402);
    }
  }

  @Test
  void decideWhenCredentialDeeplyNestedThenMalformedCredential() {
    String nested = "{\"x\":".repeat(5000) + "1" + "}".repeat(5000);

    Decision decision =
        mpp.decide(
            get("/fortune", "Authorization", "Payment " + Base64Url.encode(nested)), cents("0.01"));

    assertProblem(decision, ProblemType.MALFORMED_CREDENTIAL, 402);
  }

  @Test
  void decideWhenCredentialUpTo16KibThenAcceptedAndLargerRefused() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);
    String small = credential(issued, "t1");
    int padding = (16 * 1024 - small.length()) * 3 / 4;
    var payload = Json.object().put("token", "t1");
    String big;
    do {
      payload.put("pad", "x".repeat(padding));
      big = PaymentHeaders.formatCredential(new Credential(issued, payload, "did:example:payer"));
      padding -= 2;
    } while (big.length() > 16 * 1024);
    assertThat(big.length()).isBetween(16 * 1024 - 40, 16 * 1024);
    String tooBig =
        PaymentHeaders.formatCredential(
            new Credential(issued, payload.put("pad", "x".repeat(padding + 100)), null));

    assertProblem(
        mpp.decide(get("/fortune", "Authorization", tooBig), cents("0.01")),
        ProblemType.MALFORMED_CREDENTIAL,
        402);
    assertThat(mpp.decide(get("/fortune", "Authorization", big), cents("0.01")))
        .isInstanceOf(Decision.Paid.class);
  }

  @Test
  void decideWhenMethodNotOfferedThenMethodUnsupportedWithChallenges() {
    Mpp two = engine(clock, fake, new FakePaymentMethod("other")).build();
    List<Offer> otherOnly = List.of(Offer.charge("other").price("0.01").build());
    String fakeCredential =
        FakePaymentMethod.pay(
            ((Decision.PaymentRequired) two.decide(get("/x"), cents("0.01"))).challenges(),
            "fake",
            "t1");

    Decision decision = two.decide(get("/x", "Authorization", fakeCredential), otherOnly);

    assertProblem(decision, ProblemType.METHOD_UNSUPPORTED, 400);
    assertThat(((Decision.PaymentRequired) decision).challenges()).hasSize(1);
  }

  @Test
  void decideWhenSeveralOffersThenOneChallengeEachInAcceptPaymentOrder() {
    FakePaymentMethod other = new FakePaymentMethod("other");
    Mpp two = engine(clock, fake, other).build();
    List<Offer> offers =
        List.of(
            Offer.charge("fake").price("0.01").build(),
            Offer.charge("other").price("0.01").build());

    Decision.PaymentRequired serverOrder = (Decision.PaymentRequired) two.decide(get("/x"), offers);
    Decision.PaymentRequired clientOrder =
        (Decision.PaymentRequired)
            two.decide(get("/x", "Accept-Payment", "fake/charge;q=0.5, other/*"), offers);
    Decision.PaymentRequired excluded =
        (Decision.PaymentRequired)
            two.decide(get("/x", "Accept-Payment", "fake/*;q=0, */*"), offers);

    assertThat(methods(serverOrder)).containsExactly("fake", "other");
    assertThat(methods(clientOrder)).containsExactly("other", "fake");
    assertThat(methods(excluded)).containsExactly("other");
    String payOther = FakePaymentMethod.pay(serverOrder.challenges(), "other", "t9");
    assertThat(two.decide(get("/x", "Authorization", payOther), offers))
        .isInstanceOf(Decision.Paid.class);
    assertThat(other.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenSecretRotatedThenOldChallengesStillPayUntilExpiry() {
    String credential = payFortune("t1");
    Mpp rotated =
        engine(clock, fake)
            .secret(Secret.of("a-brand-new-secret-that-is-32-bytes-long"))
            .previousSecret(Secret.of(EngineFixture.SECRET))
            .build();
    Mpp forgot =
        engine(clock, fake).secret(Secret.of("a-brand-new-secret-that-is-32-bytes-long")).build();

    assertProblem(
        forgot.decide(get("/fortune", "Authorization", credential), cents("0.01")),
        ProblemType.INVALID_CHALLENGE,
        402);
    assertThat(rotated.decide(get("/fortune", "Authorization", credential), cents("0.01")))
        .isInstanceOf(Decision.Paid.class);
  }

  @Test
  void decideWhenPaymentDeclinedThenVerificationFailedAndFreshChallenge() {
    Decision decision =
        mpp.decide(get("/fortune", "Authorization", payFortune("decline")), cents("0.01"));

    assertProblem(decision, ProblemType.VERIFICATION_FAILED, 402);
    assertThat(((Decision.PaymentRequired) decision).problem().detail())
        .isEqualTo("payment declined");
  }

  @Test
  void decideWhenPolicyDeniesThenForbiddenAndNothingSettled() {
    Mpp strict =
        engine(clock, fake)
            .policy(
                (credential, exchange) -> {
                  throw new PaymentExceptions.PolicyDenied("payer is blocked");
                })
            .build();
    String credential =
        FakePaymentMethod.pay(
            ((Decision.PaymentRequired) strict.decide(get("/f"), cents("0.01"))).challenges(),
            "fake",
            "t1");

    Decision decision = strict.decide(get("/f", "Authorization", credential), cents("0.01"));

    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    assertThat(decision.status()).isEqualTo(403);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenStoreDownThenServiceUnavailableAndCredentialStillPayableLater() {
    SwitchableStore store = new SwitchableStore();
    Mpp flaky = engine(clock, fake).store(store).build();
    String credential =
        FakePaymentMethod.pay(
            ((Decision.PaymentRequired) flaky.decide(get("/f"), cents("0.01"))).challenges(),
            "fake",
            "t1");
    store.down(true);

    Decision during = flaky.decide(get("/f", "Authorization", credential), cents("0.01"));
    store.down(false);
    Decision after = flaky.decide(get("/f", "Authorization", credential), cents("0.01"));

    assertThat(during).isInstanceOf(Decision.Rejected.class);
    assertThat(during.status()).isEqualTo(503);
    assertThat(((Decision.Rejected) during).retryAfterSeconds()).isPositive();
    assertThat(after).isInstanceOf(Decision.Paid.class);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenNetworkDownThenServiceUnavailableAndChallengeNotBurned() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);

    Decision down =
        mpp.decide(get("/fortune", "Authorization", credential(issued, "down")), cents("0.01"));
    Decision retry =
        mpp.decide(get("/fortune", "Authorization", credential(issued, "t2")), cents("0.01"));

    assertThat(down.status()).isEqualTo(503);
    assertThat(retry).isInstanceOf(Decision.Paid.class);
  }

  @Test
  void decideWhenOutcomeUnknownThenServiceUnavailableAndChallengeStaysUsed() {
    Challenge issued = challenge(get("/fortune"), cents("0.01")).challenges().get(0);

    Decision unknown =
        mpp.decide(get("/fortune", "Authorization", credential(issued, "unknown")), cents("0.01"));
    Decision retry =
        mpp.decide(get("/fortune", "Authorization", credential(issued, "t2")), cents("0.01"));

    assertThat(unknown.status()).isEqualTo(503);
    assertProblem(retry, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decideWhenSameCredentialSentConcurrentlyThenExactlyOneSettles() throws Exception {
    String credential = payFortune("t1");
    int threads = 32;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    var start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<Decision>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));
                }));
      }
      start.countDown();
      int paid = 0;
      for (var future : futures) {
        Decision decision = future.get();
        if (decision instanceof Decision.Paid) {
          paid++;
        } else {
          assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
        }
      }
      assertThat(paid).isEqualTo(1);
      assertThat(fake.settlements()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void buildWhenSecretShorterThan32BytesThenRefused() {
    assertThatThrownBy(() -> engine(clock, fake).secret(Secret.of("short-secret")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void buildWhenMethodRegisteredTwiceThenRefused() {
    assertThatThrownBy(() -> engine(clock, fake, new FakePaymentMethod()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void maxCredentialBytesWhenConfiguredThenReportedForTransportsThatDecodeCredentials() {
    assertThat(mpp.maxCredentialBytes()).isEqualTo(16 * 1024);
    assertThat(engine(clock, fake).maxCredentialBytes(8192).build().maxCredentialBytes())
        .isEqualTo(8192);
  }

  @Test
  void toStringWhenSecretOrCredentialThenNothingSensitiveShown() {
    Credential credential = PaymentHeaders.parseCredential(payFortune("secret-token-value"));

    assertThat(Secret.of(EngineFixture.SECRET).toString()).doesNotContain(EngineFixture.SECRET);
    assertThat(credential.toString()).doesNotContain("secret-token-value");
  }

  private static List<String> methods(Decision.PaymentRequired decision) {
    return decision.challenges().stream().map(Challenge::method).toList();
  }

  private static String credential(Challenge challenge, String token) {
    return PaymentHeaders.formatCredential(
        new Credential(challenge, Json.object().put("token", token), null));
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(utf8(text));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static void assertProblem(Decision decision, ProblemType type, int status) {
    assertThat(decision.status()).as("status").isEqualTo(status);
    Problem problem;
    if (decision instanceof Decision.PaymentRequired required) {
      assertThat(required.problem().challengeId()).isEqualTo(required.challenges().get(0).id());
      problem = required.problem();
    } else if (decision instanceof Decision.Rejected rejected) {
      problem = rejected.problem();
    } else {
      throw new AssertionError("expected " + type + " but was paid");
    }
    assertThat(problem.type()).isEqualTo(type);
  }
}
