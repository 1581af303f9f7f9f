package io.mpp4j.stripe;

/**
 * Creates and confirms one PaymentIntent from a shared payment token (draft-stripe-charge-00
 * §Settlement Procedure). The production implementation is {@link StripeJavaGateway}; tests and the
 * conformance operation substitute their own.
 */
interface IntentGateway {

  /**
   * Sends the create-and-confirm request once (no automatic retries).
   *
   * @throws GatewayException when Stripe refused the request or could not be reached
   */
  IntentResult create(IntentRequest request) throws GatewayException;

  /**
   * The PaymentIntent created for {@code challengeId} (by its {@code mpp_challenge_id} metadata),
   * for recovery once the idempotency key may have expired; empty when Stripe holds none.
   *
   * @throws GatewayException when Stripe could not be asked (by default: this gateway cannot look)
   */
  default java.util.Optional<IntentResult> find(String challengeId, ConnectSettings connect)
      throws GatewayException {
    throw new GatewayException(
        GatewayException.Kind.UNCERTAIN, "this gateway cannot look PaymentIntents up", null);
  }
}
