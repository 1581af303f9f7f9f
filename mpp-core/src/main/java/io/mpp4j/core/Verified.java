package io.mpp4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link IntentHandler} verified: the receipt for the client, whether the resource handler
 * runs, and the part of the payment that happens after it, for metered intents.
 *
 * @since 0.2.0
 */
public final class Verified {
  private final Receipt receipt;
  private final boolean serve;
  private final Metering metering;

  private Verified(Receipt receipt, boolean serve, Metering metering) {
    this.receipt = Objects.requireNonNull(receipt, "receipt");
    this.serve = serve;
    this.metering = metering;
  }

  /** Paid in full: run the resource handler; nothing happens after it. */
  public static Verified settled(Receipt receipt) {
    return new Verified(receipt, true, null);
  }

  /** Paid for now: run the resource handler, then {@code metering} charges what it consumed. */
  public static Verified metered(Receipt receipt, Metering metering) {
    return new Verified(receipt, true, Objects.requireNonNull(metering, "metering"));
  }

  /**
   * A management action (a session's voucher top-up or close) was accepted: answer with the receipt
   * and do not run the resource handler.
   */
  public static Verified acknowledged(Receipt receipt) {
    return new Verified(receipt, false, null);
  }

  public Receipt receipt() {
    return receipt;
  }

  /** Whether the resource handler runs. */
  public boolean serve() {
    return serve;
  }

  public Optional<Metering> metering() {
    return Optional.ofNullable(metering);
  }
}
