package io.mpp4j.core.ledger;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment in the {@link Ledger}: what was paid, by whom, for which route, and how it ended. A
 * payment has exactly one entry, keyed by its challenge id; only a {@link Status#PENDING} entry
 * ever changes, and only to a final status.
 *
 * @param challengeId the paid challenge's id (the key)
 * @param createdAt when the payment was first recorded
 * @param resolvedAt when a pending payment was resolved, or null
 * @param status how it ended, so far
 * @param route the resource it paid for ({@code GET /api/fortune})
 * @param method payment method id
 * @param intent payment intent
 * @param amount base units
 * @param currency currency or token
 * @param payer the credential's {@code source}, or null
 * @param reference the method's reference (transaction hash, PaymentIntent id), or null when none
 *     is known yet
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param detail why a payment is pending or failed, or null
 * @since 0.2.0
 */
public record LedgerEntry(
    String challengeId,
    Instant createdAt,
    Instant resolvedAt,
    Status status,
    String route,
    String method,
    String intent,
    BigInteger amount,
    String currency,
    String payer,
    String reference,
    String idempotencyKey,
    String detail) {

  /** How a payment ended. */
  public enum Status {
    /** The outcome is not known yet (the network or processor did not say). */
    PENDING,
    /** Settled: the payee was paid. */
    SETTLED,
    /** Reached the network or processor and did not settle. */
    FAILED
  }

  public LedgerEntry {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  /** This entry resolved to {@code status} at {@code at}, with its reference if now known. */
  public LedgerEntry resolved(Status status, String reference, Instant at, String detail) {
    return new LedgerEntry(
        challengeId,
        createdAt,
        at,
        status,
        route,
        method,
        intent,
        amount,
        currency,
        payer,
        reference != null ? reference : this.reference,
        idempotencyKey,
        detail);
  }
}
