package io.mpp4j.stripe;

import java.util.Objects;

/**
 * A PaymentIntent request that did not produce a PaymentIntent. Its message is for logs only and
 * never holds Stripe's error text, the token or the secret key.
 */
final class GatewayException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is known about the money when the request failed. */
  enum Kind {
    /** Stripe answered with a card error (a decline). */
    DECLINED,
    /** Stripe answered with any other API error (4xx or 5xx). */
    REFUSED,
    /** The request provably never reached Stripe (connection refused, unknown host). */
    NOT_SENT,
    /** The request may have reached Stripe but no answer arrived (timeout, reset). */
    UNCERTAIN
  }

  private final Kind kind;

  GatewayException(Kind kind, String logMessage, Throwable cause) {
    super(logMessage, cause, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  Kind kind() {
    return kind;
  }
}
