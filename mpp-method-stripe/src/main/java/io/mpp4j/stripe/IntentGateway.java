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
}
