package io.mpp4j.core;

import java.util.Objects;

/**
 * How a {@link PendingPayment} ended, as its method found out: settled (with the receipt the client
 * should have had), failed (nothing was paid), or still unknown.
 *
 * @since 0.2.0
 */
public sealed interface Recovery {

  /** The payment settled. */
  record Settled(Receipt receipt) implements Recovery {
    public Settled {
      Objects.requireNonNull(receipt, "receipt");
    }
  }

  /** The payment did not settle and never will; {@code reason} is for the operator. */
  record Failed(String reason) implements Recovery {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The method cannot tell yet. */
  record Unknown() implements Recovery {}

  static Recovery unknown() {
    return new Unknown();
  }
}
