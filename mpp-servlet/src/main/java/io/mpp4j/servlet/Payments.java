package io.mpp4j.servlet;

import io.mpp4j.core.Meter;
import io.mpp4j.core.Payment;
import io.mpp4j.core.Settlement;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link PaymentFilter} attached to a request of a paid route before running its handler
 * (draft-httpauth-payment-00 §5.3: the server serves the resource once the credential verified and
 * settled): the verified payment, and for metered intents (a session priced per unit) the place to
 * report usage and a {@link Meter} for streamed responses.
 *
 * <pre>{@code
 * Payment payment = Payments.require(request);
 * String payer = payment.payer().orElse("anonymous");
 * Payments.recordUsage(request, tokensGenerated);   // charged after the handler returns
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Payments {
  /** The request attribute holding the {@link Payment}. */
  public static final String ATTRIBUTE = "io.mpp4j.payment";

  static final String SETTLEMENT = "io.mpp4j.settlement";
  static final String USAGE = "io.mpp4j.usage";

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

  /**
   * Adds {@code units} to what this request consumed; a metered intent charges them, times its
   * price per unit, when the handler returns. Ignored on routes that are not metered.
   */
  public static void recordUsage(ServletRequest request, long units) {
    if (units < 0) {
      throw new IllegalArgumentException("units must not be negative");
    }
    if (request.getAttribute(USAGE) instanceof AtomicLong usage) {
      usage.addAndGet(units);
    }
  }

  /** Charging while a response streams, when the paying intent supports it (a session). */
  public static Optional<Meter> meter(ServletRequest request) {
    return request.getAttribute(SETTLEMENT) instanceof Settlement settlement
        ? settlement.meter()
        : Optional.empty();
  }

  static long recordedUsage(ServletRequest request) {
    return request.getAttribute(USAGE) instanceof AtomicLong usage ? usage.get() : 0;
  }

  static void attach(ServletRequest request, Settlement settlement) {
    request.setAttribute(ATTRIBUTE, settlement.payment());
    request.setAttribute(SETTLEMENT, settlement);
    request.setAttribute(USAGE, new AtomicLong());
  }
}
