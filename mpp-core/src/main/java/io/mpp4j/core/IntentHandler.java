package io.mpp4j.core;

import java.time.Instant;
import java.util.Optional;

/**
 * How one {@link PaymentMethod} serves one {@link Intent}: it writes the challenge's request for an
 * offer and verifies credentials for it (draft-httpauth-payment-00 §5.2; each intent and method
 * specification defines the checks).
 *
 * <p>The engine calls {@link #verify} only for a credential whose challenge it has authenticated
 * (HMAC), pinned to what the route charges now, checked against the body digest and, for a {@link
 * ReplayRule#SINGLE_USE} intent, checked for expiry and claimed. Verification refuses by throwing a
 * {@link PaymentException}; infrastructure failures throw {@link
 * PaymentExceptions.ServiceUnavailable} (fail closed).
 *
 * @param <R> the intent's request type
 * @since 0.2.0
 */
public interface IntentHandler<R extends IntentRequest> {

  /** The intent served. */
  Intent<R> intent();

  /**
   * The complete request of a challenge for {@code offer}. Must be deterministic for equal offers:
   * the engine compares it with the echoed request to pin what a credential pays for.
   *
   * @throws IllegalArgumentException when the offer cannot be paid through this method
   */
  R request(Offer offer);

  /**
   * The request of one fresh challenge, for an intent whose request differs per challenge: a Tempo
   * subscription names an access key the server made for that challenge and ends a fixed time after
   * the challenge expires (draft-tempo-subscription-00 §"Request Schema"). It must be a
   * deterministic function of its arguments: the engine recomputes it from an echoed challenge's
   * {@code nonce} and {@code expires} and pins the credential to the result byte for byte. The
   * default is {@code offered}, the same request for every challenge.
   *
   * @param offered {@link #request} of the offer
   * @param nonce the challenge's random nonce (128 bits, base64url), bound into its id
   * @param expires the challenge's expiry
   * @since 0.2.0
   */
  default R challengeRequest(R offered, String nonce, Instant expires) {
    return offered;
  }

  /**
   * Verifies and settles a credential.
   *
   * @return what was paid and whether the resource handler runs
   * @throws PaymentException the typed reason the payment was refused
   */
  Verified verify(Credential credential, VerificationContext<R> context);

  /**
   * Admits a request that carries no credential, when the intent grants access without a new
   * payment (a subscriber within its paid period). Empty by default: the client gets a challenge.
   */
  default Optional<Verified> admitWithoutCredential(PaymentExchange exchange, R request) {
    return Optional.empty();
  }

  /**
   * Finds out how a payment ended whose outcome was unknown when it was verified (the handler threw
   * {@link PaymentExceptions.ServiceUnavailable#outcomeUnknown} after calling {@link
   * VerificationContext#submitted}). Called when the client retries the same credential and by the
   * engine's reconciler. Unknown by default.
   *
   * @throws PaymentExceptions.ServiceUnavailable when the network or processor cannot be asked now
   */
  default Recovery recover(PendingPayment pending, RecoveryContext context) {
    return Recovery.unknown();
  }
}
