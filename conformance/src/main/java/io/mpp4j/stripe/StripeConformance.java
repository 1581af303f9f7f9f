package io.mpp4j.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.store.MemoryStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The Stripe operation of the cross-SDK conformance suite, {@code stripe.external_id_binding}
 * (draft-stripe-charge-00 §Receipt Generation; vectors {@code stripe-external-id-binding.json}):
 * runs the real verification of {@link StripeMethod} on a credential for the given request and
 * payload, with Stripe answering the given PaymentIntent and the clock fixed at the vectors'
 * settlement time.
 */
public final class StripeConformance {
  /** The operation name in the conformance registry. */
  public static final String EXTERNAL_ID_BINDING = "stripe.external_id_binding";

  /** The settlement time the vectors' receipts carry. */
  static final Instant SETTLED_AT = Instant.parse("2026-01-29T12:00:30Z");

  private static final String REALM = "conformance.mpp4j.invalid";

  private StripeConformance() {}

  /**
   * Runs one {@code stripe.external_id_binding} case.
   *
   * @param input {@code {request, payload, paymentIntent: {id, status, replayed?}}}
   * @return {@code {ok: true, receipt: {...}}}, or {@code {ok: false, errorType}} with {@code
   *     invalid_challenge} for a refused challenge binding and {@code verification_failed} for
   *     every other refusal
   * @throws IllegalArgumentException when the input does not have that shape
   */
  public static ObjectNode externalIdBinding(ObjectNode input) {
    Objects.requireNonNull(input, "input");
    ChargeRequest request = ChargeRequest.fromJson(object(input, "request"));
    ObjectNode payload = object(input, "payload");
    ObjectNode intent = object(input, "paymentIntent");
    String intentId = text(intent, "id");
    String status = text(intent, "status");
    boolean replayed = intent.path("replayed").asBoolean(false);

    StripeMethod method =
        StripeMethod.builder()
            .secretKey(Secret.of("sk_test_conformance"))
            .networkId("conformance")
            .paymentMethodTypes("card")
            .gateway(r -> new IntentResult(intentId, status, r.amount(), r.currency(), replayed))
            .build();
    Clock clock = Clock.fixed(SETTLED_AT, ZoneOffset.UTC);
    Instant expires = SETTLED_AT.plusSeconds(300);
    Credential credential = new Credential(challenge(request, expires), payload, null);
    VerificationContext<ChargeRequest> context =
        VerificationContext.builder(request, credential.challenge())
            .realm(REALM)
            .expires(expires)
            .store(new MemoryStore())
            .clock(clock)
            .build();

    ObjectNode result = Json.object();
    try {
      @SuppressWarnings("unchecked")
      IntentHandler<ChargeRequest> charge = (IntentHandler<ChargeRequest>) method.handlers().get(0);
      Receipt receipt = charge.verify(credential, context).receipt();
      result.put("ok", true);
      result.set("receipt", receiptJson(receipt));
    } catch (PaymentException e) {
      result.put("ok", false);
      result.put(
          "errorType",
          e.type() == ProblemType.INVALID_CHALLENGE ? "invalid_challenge" : "verification_failed");
    }
    return result;
  }

  private static Challenge challenge(ChargeRequest request, Instant expires) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ChallengeBinding binding = ChallengeBinding.of(Secret.ofBytes(key), List.of());
    String wire = request.toWire();
    String expiry = Timestamps.format(expires);
    return binding.sign(
        Challenge.builder()
            .realm(REALM)
            .method(StripeMethod.ID)
            .intent(Offer.CHARGE)
            .request(wire)
            .expires(expiry));
  }

  private static ObjectNode receiptJson(Receipt receipt) {
    ObjectNode json = Json.object();
    json.put("status", receipt.status());
    json.put("method", receipt.method());
    json.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(receipt.timestamp()));
    json.put("reference", receipt.reference());
    receipt.extra().forEach((name, value) -> json.put(name, String.valueOf(value)));
    return json;
  }

  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(name + " must be an object");
    }
    return (ObjectNode) node;
  }

  private static String text(ObjectNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty string");
    }
    return node.textValue();
  }
}
