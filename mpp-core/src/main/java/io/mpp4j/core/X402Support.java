package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.X402Headers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's x402 side (see {@link X402Scheme}): twin offers whose challenges are paid through
 * {@code PAYMENT-SIGNATURE}, the {@code PAYMENT-REQUIRED} value for them, and the decoding of a
 * payment payload into the credential of the challenge it echoes.
 */
final class X402Support {
  private final Map<String, X402Scheme> schemes;

  X402Support(Map<String, PaymentMethod> methods) {
    Map<String, X402Scheme> found = new LinkedHashMap<>();
    methods.forEach(
        (id, method) -> {
          if (method instanceof X402Scheme scheme) {
            found.put(id, scheme);
          }
        });
    this.schemes = Map.copyOf(found);
  }

  List<Offer> withTwins(List<Offer> offers) {
    List<Offer> all = new ArrayList<>(offers);
    for (Offer offer : offers) {
      if (offer.intent().equals(Offer.CHARGE) && schemes.containsKey(offer.method())) {
        all.add(
            new Offer(
                offer.method(),
                offer.intent(),
                offer.price(),
                offer.currency(),
                offer.recipient(),
                offer.description(),
                offer.externalId(),
                offer.meta(),
                offer.terms(),
                X402Headers.PAYMENT_SIGNATURE));
      }
    }
    return all.size() == offers.size() ? offers : List.copyOf(all);
  }

  Optional<String> paymentRequired(List<Challenge> challenges, String resourceUrl, String error) {
    List<ObjectNode> accepts = new ArrayList<>();
    for (Challenge challenge : challenges) {
      if (X402Headers.isX402(challenge)) {
        requirements(challenge).ifPresent(accepts::add);
      }
    }
    if (accepts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(X402Headers.paymentRequired(accepts, resourceUrl, error));
  }

  /**
   * The credential of a {@code PAYMENT-SIGNATURE} value: the challenge it echoes, which must come
   * with exactly the requirement this server issues for it, paid as its method says.
   */
  Credential decode(String value) {
    ObjectNode payload;
    Challenge echoed;
    try {
      payload = X402Headers.decodePaymentPayload(value);
      echoed = X402Headers.challenge(payload);
    } catch (CodecException e) {
      throw new PaymentExceptions.MalformedCredential(
          "x402 payment cannot be decoded: " + e.getMessage() + ".");
    }
    X402Scheme scheme = schemes.get(echoed.method());
    if (scheme == null) {
      throw new PaymentExceptions.MethodUnsupported(
          "This resource does not accept x402 payments for " + echoed.method() + ".");
    }
    Optional<ObjectNode> issued = requirements(echoed);
    if (issued.isEmpty() || !sameJson(issued.get(), payload.get("accepted"))) {
      throw new PaymentExceptions.InvalidChallenge(
          "The x402 payment does not echo a requirement this server issued.");
    }
    return scheme.x402Credential(echoed, payload);
  }

  private Optional<ObjectNode> requirements(Challenge challenge) {
    X402Scheme scheme = schemes.get(challenge.method());
    if (scheme == null) {
      return Optional.empty();
    }
    try {
      return scheme.x402Requirements(challenge).map(r -> X402Headers.bind(r, challenge));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean sameJson(
      ObjectNode expected, com.fasterxml.jackson.databind.JsonNode got) {
    try {
      return got != null && Jcs.canonicalize(expected).equals(Jcs.canonicalize(got));
    } catch (CodecException e) {
      return false;
    }
  }
}
