package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's decisions (draft-httpauth-payment-00 §5 and the charge intent). */
class MppTest extends AbstractDecideTest {
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
}
