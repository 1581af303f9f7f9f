package io.mpp4j.tempo;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * A Tempo subscription as the server keeps it (draft-tempo-subscription-00 §"Billing Anchor and
 * Subscription State"): who pays what to whom every period, the billing anchor (the block timestamp
 * of its activation), the last period charged, and how it ends. Periods are {@code [anchor +
 * n·period, anchor + (n+1)·period)} in chain time; period 0 is paid at activation. The access key
 * is never part of this view.
 *
 * @param id the {@code subscriptionId} of its receipts
 * @param status where it is in its life
 * @param payer the payer's address, lowercase
 * @param route the resource it was activated on ({@code GET /api/subscribed})
 * @param amount base units charged per period
 * @param currency the TIP-20 token
 * @param recipient who is paid
 * @param period the billing period
 * @param anchor the start of period 0, or null while activating
 * @param lastChargedPeriod the last period paid, -1 while activating
 * @param paidThrough the end of the last period paid, or null while activating
 * @param expires {@code subscriptionExpires}: no period is charged or served after it
 * @param cancelAt when a cancellation takes effect (the end of the paid period), or null
 * @param reference the transaction hash of the last charge, or null
 * @since 0.2.0
 */
public record TempoSubscription(
    String id,
    Status status,
    String payer,
    String route,
    BigInteger amount,
    String currency,
    String recipient,
    Duration period,
    Instant anchor,
    long lastChargedPeriod,
    Instant paidThrough,
    Instant expires,
    Instant cancelAt,
    String reference) {

  /**
   * Where a subscription is in its life. {@code ACTIVATING}, {@code ACTIVE} and {@code PAST_DUE}
   * are live; the others are final.
   *
   * @since 0.2.0
   */
  public enum Status {
    /** The activation transaction was sent and has not settled yet. */
    ACTIVATING,
    /** Paid for its current period, or not yet asked for the next one. */
    ACTIVE,
    /** The charge for the current period failed; retries continue (in grace, if configured). */
    PAST_DUE,
    /** Cancelled, and the paid period is over. */
    CANCELED,
    /** {@code subscriptionExpires} passed. */
    EXPIRED,
    /** The payer revoked the access key. */
    REVOKED,
    /** The activation failed: it never started. */
    FAILED;

    /** Whether a subscription in this status may still be served or charged. */
    public boolean live() {
      return this == ACTIVATING || this == ACTIVE || this == PAST_DUE;
    }
  }
}
