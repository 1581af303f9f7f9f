package io.mpp4j.core;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lifecycle of one paid request after the engine admitted it (draft-httpauth-payment-00 §5.3;
 * draft-tempo-session-00 §"Per-Request Processing"): the transport runs the resource handler with
 * {@link #payment()}, sends {@link #receipt()}, and then calls exactly one of {@link
 * #complete(Served)} (the handler answered) or {@link #abort(Throwable)} (it threw). Completing
 * charges what a metered intent consumed, keeps the response for idempotent retries, and reports a
 * handler that failed after the payer was charged; an async request completes from its listener.
 * Thread-safe; calls after the first are ignored.
 *
 * @since 0.2.0
 */
public final class Settlement {
  private final Payment payment;
  private final Metering metering;
  private final Hooks hooks;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** What the engine does when a settlement closes. */
  interface Hooks {
    void served(Payment payment, Served served);

    void failed(Payment payment, String failure);
  }

  Settlement(Payment payment, Metering metering, Hooks hooks) {
    this.payment = Objects.requireNonNull(payment, "payment");
    this.metering = metering;
    this.hooks = hooks;
  }

  /** The verified payment, for the handler. */
  public Payment payment() {
    return payment;
  }

  /** The receipt to send with the response (its headers, before the body). */
  public Receipt receipt() {
    return payment.receipt();
  }

  /** Charging while a response streams, for metered intents that support it. */
  public Optional<Meter> meter() {
    return metering == null ? Optional.empty() : metering.meter();
  }

  /** Whether neither {@link #complete} nor {@link #abort} has been called. */
  public boolean isOpen() {
    return !closed.get();
  }

  /** The handler answered 2xx-4xx and consumed nothing metered. */
  public Receipt complete() {
    return complete(Served.status(200));
  }

  /**
   * The handler answered: charges its usage (metered intents) and returns the final receipt. A
   * status of 500 or more is reported as a failed handler, like {@link #abort}.
   *
   * @throws PaymentException when a metered intent cannot charge the usage
   */
  public Receipt complete(Served served) {
    Objects.requireNonNull(served, "served");
    if (!closed.compareAndSet(false, true)) {
      return payment.receipt();
    }
    if (served.status() >= 500) {
      release(new IllegalStateException("HTTP " + served.status()));
      hooks.failed(payment, "HTTP " + served.status());
      return payment.receipt();
    }
    Receipt receipt = payment.receipt();
    if (metering != null) {
      receipt = metering.complete(served.usage());
    }
    hooks.served(payment, served);
    return receipt;
  }

  /** The handler threw: gives back what a metered intent reserved and reports the failure. */
  public void abort(Throwable cause) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    release(cause);
    hooks.failed(payment, cause == null ? "unknown" : cause.getClass().getName());
  }

  private void release(Throwable cause) {
    if (metering != null) {
      metering.abort(cause);
    }
  }
}
