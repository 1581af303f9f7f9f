package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Credentials the engine refuses, and what it answers when the payment, the policy or the store
 * fails: 4xx problems, 402 with a fresh challenge, or 503 that never burns the challenge.
 */
class CredentialRefusalTest extends AbstractDecideTest {
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
}
