package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscription challenges and credentials through the real engine, without a chain: each challenge
 * names its own access key and ends after it expires; a credential must answer the very challenge
 * it echoes, unexpired and unaltered; a node that cannot be reached is a 503 that leaves the
 * credential usable.
 */
class SubscriptionChallengeTest {
  private static final BigInteger PAYER =
      Secp256k1.privateKey(
          Hex.decode("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"));
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final MemoryLedger ledger = new MemoryLedger();
  private final List<Offer> offers = List.of(SubscriptionHarness.offer());

  private Mpp engine(Instant now) {
    TempoMethod method =
        TempoMethod.builder()
            .chainId(31337)
            .rpcUrl("http://127.0.0.1:1")
            .currency(LocalTempoChain.PATH_USD)
            .recipient("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
            .feePayer(
                Secret.of("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"))
            .connectTimeout(Duration.ofMillis(500))
            .subscriptions(SubscriptionHarness.settings().build())
            .build();
    return Mpp.builder()
        .realm(PaymentHarness.REALM)
        .secret(Secret.of(PaymentHarness.SECRET))
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .store(new MemoryStore())
        .ledger(ledger)
        .reconcileEvery(null)
        .method(method)
        .build();
  }

  @Test
  void challengeWhenIssuedThenOwnAccessKeyAndSubscriptionEndsAfterItExpires() {
    Mpp mpp = engine(NOW);

    Challenge first = challenge(mpp);
    Challenge second = challenge(mpp);
    SubscriptionRequest a = request(first);
    SubscriptionRequest b = request(second);

    assertThat(a.periodUnit()).isEqualTo("day");
    assertThat(a.amount()).isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(a.detail("chainId").orElseThrow().asLong()).isEqualTo(31337);
    assertThat(a.detail("accessKey").orElseThrow().path("keyType").asText()).isEqualTo("secp256k1");
    assertThat(a.detail("accessKey")).isNotEqualTo(b.detail("accessKey"));
    assertThat(a.methodDetails().has(TempoSubscriptionIntent.LENGTH)).isFalse();
    Instant expires = Timestamps.parse(first.expires());
    assertThat(Timestamps.parse(a.subscriptionExpires()))
        .isAfter(expires)
        .isEqualTo(Instant.ofEpochSecond(expires.getEpochSecond()).plus(Duration.ofDays(30)));
  }

  @Test
  void credentialWhenSignedForAnotherChallengesKeyThenRefusedWithFreshChallenge() {
    Mpp mpp = engine(NOW);
    Challenge first = challenge(mpp);
    Challenge second = challenge(mpp);
    Credential crossed =
        GrantBuilder.forTerms(SubscriptionTerms.of(request(first)), PAYER).credential(second, null);

    Decision decision = send(mpp, crossed);

    assertProblem(decision, ProblemType.VERIFICATION_FAILED, "another access key");
  }

  @Test
  void credentialWhenItsRequestWasAlteredThenInvalidChallenge() {
    Mpp mpp = engine(NOW);
    Challenge issued = challenge(mpp);
    var json = request(issued).toJson();
    json.put("amount", "1");
    Challenge altered =
        new Challenge(
            issued.id(),
            issued.realm(),
            issued.method(),
            issued.intent(),
            Jcs.encode(json),
            issued.expires(),
            issued.digest(),
            issued.description(),
            issued.opaque());

    Decision decision =
        send(
            mpp,
            GrantBuilder.forTerms(SubscriptionTerms.of(request(issued)), PAYER)
                .credential(altered, null));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, null);
  }

  @Test
  void credentialWhenChallengeExpiredThenPaymentExpired() {
    Challenge issued = challenge(engine(NOW));
    Credential credential =
        GrantBuilder.forTerms(SubscriptionTerms.of(request(issued)), PAYER)
            .credential(issued, null);

    Decision decision = send(engine(NOW.plus(Duration.ofMinutes(6))), credential);

    assertProblem(decision, ProblemType.PAYMENT_EXPIRED, null);
  }

  @Test
  void nodeWhenUnreachableThen503AndTheSameCredentialCanBeRetried() {
    Mpp mpp = engine(Instant.now());
    Challenge issued = challenge(mpp);
    Credential credential =
        GrantBuilder.forTerms(SubscriptionTerms.of(request(issued)), PAYER)
            .credential(issued, null);

    Decision first = send(mpp, credential);
    Decision retry = send(mpp, credential);

    assertThat(first).isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) first).problem().type())
        .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(((Decision.Rejected) retry).problem().type())
        .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(ledger.pending(Instant.now().plusSeconds(60), 10)).isEmpty();
  }

  @Test
  void requestWhenNoCredentialOrOnlyASubscriptionIdThen402() {
    Mpp mpp = engine(NOW);

    Decision decision =
        mpp.decide(exchange(Map.of("X-Subscription-Id", "c3ViXzAxMjM0NTY")), offers);

    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
  }

  private Challenge challenge(Mpp mpp) {
    Decision decision = mpp.decide(exchange(Map.of()), offers);
    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    return ((Decision.PaymentRequired) decision).challenges().get(0);
  }

  private Decision send(Mpp mpp, Credential credential) {
    return mpp.decide(
        exchange(Map.of("Authorization", PaymentHeaders.formatCredential(credential))), offers);
  }

  private static PaymentExchange exchange(Map<String, String> headers) {
    return HttpExchanges.of(
            "GET",
            "/api/fortune",
            null,
            name ->
                headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> List.of(e.getValue()))
                    .findFirst()
                    .orElse(null),
            new byte[0])
        .build();
  }

  static SubscriptionRequest request(Challenge challenge) {
    return SubscriptionRequest.fromJson(Json.parseObject(Base64Url.decode(challenge.request())));
  }

  private static void assertProblem(Decision decision, ProblemType type, String detail) {
    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    Decision.PaymentRequired required = (Decision.PaymentRequired) decision;
    assertThat(required.problem().type()).isEqualTo(type);
    if (detail != null) {
      assertThat(required.problem().detail()).contains(detail);
    }
    assertThat(required.challenges()).hasSize(1);
  }
}
