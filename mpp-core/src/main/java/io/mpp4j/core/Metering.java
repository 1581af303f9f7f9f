package io.mpp4j.core;

import java.util.Optional;

/**
 * The part of a payment that happens after the resource handler ran, for intents that meter
 * (draft-tempo-session-00 §"Per-Request Processing": usage is charged after it is known). The
 * engine calls exactly one of {@link #complete} and {@link #abort}.
 *
 * @since 0.2.0
 */
public interface Metering {

  /**
   * Charges what the handler consumed and returns the final receipt.
   *
   * @throws PaymentException when the usage cannot be charged (e.g. the vouchers do not cover it)
   */
  Receipt complete(Usage usage);

  /** The handler failed: give back what was reserved for it, where the intent allows. */
  void abort(Throwable cause);

  /** Charging while the handler runs, for streamed responses; empty when not supported. */
  default Optional<Meter> meter() {
    return Optional.empty();
  }
}
