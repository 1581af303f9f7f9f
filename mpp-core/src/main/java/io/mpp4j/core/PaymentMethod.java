package io.mpp4j.core;

import java.util.Set;

/**
 * A payment network the engine can charge through (draft-httpauth-payment-00 §10, "payment
 * method"). Implementations are immutable and thread-safe; they are registered once with {@link
 * Mpp.Builder#method(PaymentMethod)}.
 */
public interface PaymentMethod {

  /** The method id in challenges, lowercase letters only ({@code tempo}, {@code stripe}). */
  String id();

  /** The intents this method settles; {@code charge} by default. */
  default Set<String> intents() {
    return Set.of(Offer.CHARGE);
  }

  /**
   * The complete request of a challenge for {@code offer}: the amount in base units and the
   * method's currency, recipient and {@code methodDetails}. Must be deterministic for equal offers:
   * the engine compares it with the echoed request to pin what a credential pays for.
   *
   * @throws IllegalArgumentException when the offer cannot be paid through this method
   */
  ChargeRequest request(Offer offer);

  /**
   * Verifies and settles a credential whose challenge the engine has already authenticated, pinned
   * to this route, checked for expiry and claimed. Returns the receipt of a settled payment, or
   * throws.
   *
   * @throws PaymentException the typed reason the payment was refused; {@link
   *     PaymentExceptions.ServiceUnavailable} when the network or processor failed and nothing was
   *     settled
   */
  Receipt verify(Credential credential, VerificationContext context);
}
