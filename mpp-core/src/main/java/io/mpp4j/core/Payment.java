package io.mpp4j.core;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified, settled payment, handed to the application after the engine accepted a credential.
 *
 * @param receipt the receipt sent to the client
 * @param method payment method id
 * @param intent payment intent
 * @param request what was charged
 * @param challengeId the id of the challenge that was paid
 * @param source the payer as the credential names it, or null
 * @since 0.1.0
 */
public record Payment(
    Receipt receipt,
    String method,
    String intent,
    IntentRequest request,
    String challengeId,
    String source) {

  public Payment {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(challengeId, "challengeId");
  }

  /** The amount charged in base units. */
  public BigInteger amount() {
    return request.amount();
  }

  public String currency() {
    return request.currency();
  }

  /** The method's settlement reference (transaction hash, PaymentIntent id). */
  public String reference() {
    return receipt.reference();
  }

  public Optional<String> payer() {
    return Optional.ofNullable(source);
  }
}
