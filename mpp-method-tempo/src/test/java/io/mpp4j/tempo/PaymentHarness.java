package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.Store;
import java.util.List;
import java.util.Map;

/**
 * Drives the real engine with a {@link TempoMethod}: fetch a challenge, pay it, see the decision.
 */
final class PaymentHarness {
  static final String REALM = "api.example.com";
  static final String SECRET = "a-tempo-test-secret-of-at-least-32-bytes";

  final Mpp mpp;
  final List<Offer> offers;

  PaymentHarness(TempoMethod method, Store store, Offer... offers) {
    Mpp.Builder builder = Mpp.builder().realm(REALM).secret(Secret.of(SECRET)).method(method);
    if (store != null) {
      builder.store(store);
    }
    this.mpp = builder.build();
    this.offers = List.of(offers);
  }

  static Offer price(String decimal) {
    return Offer.charge(TempoMethod.ID).price(decimal).build();
  }

  Challenge challenge() {
    Decision decision = mpp.decide(exchange(null), offers);
    assertThat(decision).isInstanceOf(Decision.PaymentRequired.class);
    return ((Decision.PaymentRequired) decision).challenges().get(0);
  }

  Decision pay(Challenge challenge, ObjectNode payload, String source) {
    return mpp.decide(exchange(authorization(challenge, payload, source)), offers);
  }

  static String authorization(Challenge challenge, ObjectNode payload, String source) {
    return PaymentHeaders.formatCredential(new Credential(challenge, payload, source));
  }

  Decision send(String authorization) {
    return mpp.decide(exchange(authorization), offers);
  }

  static ObjectNode transaction(String signedHex) {
    ObjectNode payload = Json.object();
    payload.put("type", "transaction");
    payload.put("signature", signedHex);
    return payload;
  }

  /**
   * A pull credential from {@code payer}: a fresh transaction paying {@code amount} pathUSD to
   * {@code recipient} with the challenge's attribution memo.
   */
  static String pullCredential(
      Challenge challenge, LocalTempoChain.DevAccount payer, String recipient, long amount) {
    TestPayer tx =
        TestPayer.from(payer)
            .transfer(
                LocalTempoChain.PATH_USD,
                recipient,
                amount,
                Attribution.encode(REALM, null, challenge.id()));
    return authorization(challenge, transaction(tx.signedHex()), payer.did());
  }

  static ObjectNode hash(String hash) {
    ObjectNode payload = Json.object();
    payload.put("type", "hash");
    payload.put("hash", hash);
    return payload;
  }

  static ObjectNode proof(String signature) {
    ObjectNode payload = Json.object();
    payload.put("type", "proof");
    payload.put("signature", signature);
    return payload;
  }

  static PaymentExchange exchange(String authorization) {
    Map<String, List<String>> headers =
        authorization == null ? Map.of() : Map.of("authorization", List.of(authorization));
    return HttpExchanges.of(
            "GET", "/api/fortune", null, name -> headers.get(name.toLowerCase()), new byte[0])
        .build();
  }

  /** The reference of a paid decision, failing with the problem otherwise. */
  static String paidReference(Decision decision) {
    assertThat(decision)
        .as(() -> "expected Paid but was " + describe(decision))
        .isInstanceOf(Decision.Paid.class);
    return ((Decision.Paid) decision).payment().reference();
  }

  static ProblemType problem(Decision decision) {
    if (decision instanceof Decision.PaymentRequired required) {
      return required.problem().type();
    }
    if (decision instanceof Decision.Rejected rejected) {
      return rejected.problem().type();
    }
    throw new AssertionError("expected a refusal but the payment was accepted");
  }

  static String detail(Decision decision) {
    if (decision instanceof Decision.PaymentRequired required) {
      return required.problem().detail();
    }
    if (decision instanceof Decision.Rejected rejected) {
      return rejected.problem().detail();
    }
    return "paid";
  }

  static String describe(Decision decision) {
    return decision instanceof Decision.Paid ? "Paid" : problem(decision) + ": " + detail(decision);
  }
}
