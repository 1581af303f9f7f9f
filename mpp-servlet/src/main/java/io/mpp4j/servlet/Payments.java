package io.mpp4j.servlet;

import io.mpp4j.core.Payment;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the verified payment the {@link PaymentFilter} attached to a request before running the
 * handler of a paid route (draft-httpauth-payment-00 §5.3: the server serves the resource once the
 * credential verified and settled).
 *
 * <pre>{@code
 * Payment payment = Payments.require(request);
 * String payer = payment.payer().orElse("anonymous");
 * }</pre>
 */
public final class Payments {
  /** The request attribute holding the {@link Payment}. */
  public static final String ATTRIBUTE = "io.mpp4j.payment";

  private Payments() {}

  /** The payment for this request, or empty when the route is free or the filter did not run. */
  public static Optional<Payment> current(ServletRequest request) {
    Object value = Objects.requireNonNull(request, "request").getAttribute(ATTRIBUTE);
    return value instanceof Payment payment ? Optional.of(payment) : Optional.empty();
  }

  /**
   * The payment for this request.
   *
   * @throws IllegalStateException when the request was not paid (a route that is not paid, or a
   *     handler reached without the filter in front of it)
   */
  public static Payment require(ServletRequest request) {
    return current(request)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no payment on this request: is the route paid and the PaymentFilter mapped?"));
  }
}
