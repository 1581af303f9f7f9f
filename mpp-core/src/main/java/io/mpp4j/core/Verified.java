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
  private final boolean recordsPayment;

  private Verified(Receipt receipt, boolean serve, Metering metering) {
    this(receipt, serve, metering, true);
  }

  private Verified(Receipt receipt, boolean serve, Metering metering, boolean recordsPayment) {
    this.receipt = Objects.requireNonNull(receipt, "receipt");
    this.serve = serve;
    this.metering = metering;
    this.recordsPayment = recordsPayment;
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

  /**
   * Access granted by an intent that accounts for its own payments: the resource handler runs, and
   * the engine records no payment in its ledger and publishes no {@code PaymentSettled} for this
   * credential. A subscriber within a paid period pays nothing more, and a renewal charged on the
   * way is recorded by the method itself, under the subscription's period
   * (draft-payment-intent-subscription-00 §"Renewal").
   *
   * @since 0.2.0
   */
  public static Verified granted(Receipt receipt) {
    return new Verified(receipt, true, null, false);
  }

  /**
   * This result, except that the engine records no payment for it: no ledger entry and no {@code
   * PaymentSettled} for this credential. For an intent that accounts for its own payments, whose
   * credentials do not each move money: a session's credentials (open, top-up, voucher, close)
   * share one challenge and carry cumulative vouchers, and the payee is paid only when the channel
   * settles or closes on chain, which the method records itself, once per transaction and for the
   * amount that transaction paid (draft-tempo-session-00 §"Settlement Procedure"). Whether the
   * resource handler runs and the metering are unchanged.
   *
   * @return a copy that records no payment, or this when it records none already
   * @since 0.2.0
   */
  public Verified withoutPaymentRecord() {
    return recordsPayment ? new Verified(receipt, serve, metering, false) : this;
  }

  /**
   * Whether the engine records this credential as a payment (ledger entry and {@code
   * PaymentSettled}); false for {@link #granted} and {@link #withoutPaymentRecord}.
   *
   * @since 0.2.0
   */
  public boolean recordsPayment() {
    return recordsPayment;
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
