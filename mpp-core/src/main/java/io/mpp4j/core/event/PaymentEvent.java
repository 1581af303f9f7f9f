package io.mpp4j.core.event;

import io.mpp4j.core.ProblemType;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the engine did with a payment, for logs, metrics and operators
 * (draft-httpauth-payment-00 §5 flow). Events carry identifiers (challenge ids, transaction
 * references, payer DIDs), amounts and problem types; never a credential, a secret or a payload.
 * Fields documented "or null" are absent when not known at that step.
 *
 * @since 0.2.0
 */
public sealed interface PaymentEvent {

  /** When it happened, by the engine's clock. */
  Instant at();

  /** A 402 challenge was sent. */
  record ChallengeIssued(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      BigInteger amount,
      String currency)
      implements PaymentEvent {}

  /**
   * A payment settled (or, for a session, a voucher was accepted and the request's price reserved).
   *
   * @param payer the credential's {@code source}, or null
   * @param idempotencyKey the client's key, or null
   * @param elapsed time spent verifying and settling
   */
  record PaymentSettled(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      BigInteger amount,
      String currency,
      String reference,
      String payer,
      String idempotencyKey,
      Duration elapsed)
      implements PaymentEvent {}

  /**
   * A credential was refused with {@code type}; nothing was settled.
   *
   * @param challengeId the echoed challenge's id, or null when the credential could not be read
   * @param method the echoed method, or null
   * @param intent the echoed intent, or null
   */
  record PaymentRefused(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      ProblemType type,
      Duration elapsed)
      implements PaymentEvent {}

  /**
   * A payment may have settled but the network or processor did not say: the challenge stays
   * claimed so it is never paid twice, and the payment needs reconciling.
   */
  record OutcomeUnknown(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      BigInteger amount,
      String currency,
      String detail)
      implements PaymentEvent {}

  /** Infrastructure failed and the request was refused with 503 (fail closed). */
  record ServiceFailed(Instant at, Component component, String method, String detail)
      implements PaymentEvent {
    public ServiceFailed {
      Objects.requireNonNull(component, "component");
    }
  }

  /** What failed in a {@link ServiceFailed}. */
  enum Component {
    /** The replay or idempotency store. */
    STORE,
    /** The payment method's network or processor (RPC node, Stripe). */
    METHOD,
    /** The payment ledger (the payment itself was not refused for it). */
    LEDGER
  }

  /**
   * A payment whose outcome was unknown was resolved: on the client's retry or by the engine's
   * reconciler.
   *
   * @param settled whether the payee was paid
   * @param reference the method's reference, or null
   * @param detail why it failed, or null
   */
  record OutcomeResolved(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      boolean settled,
      String reference,
      String detail)
      implements PaymentEvent {}

  /**
   * The payer was charged but the resource handler failed (threw, or answered 5xx): the operator
   * decides on a refund or a retry.
   *
   * @param failure the exception class or {@code HTTP <status>}
   */
  record HandlerFailed(
      Instant at,
      String challengeId,
      String method,
      String intent,
      String scope,
      String reference,
      String failure)
      implements PaymentEvent {}
}
