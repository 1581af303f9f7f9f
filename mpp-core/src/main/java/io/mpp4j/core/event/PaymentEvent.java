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
   * A payment settled. A session's credentials publish none: its payee is paid when the channel
   * settles or closes on chain, and each such transaction is one {@code PaymentSettled} for the
   * amount it paid, whose {@code challengeId} is the ledger entry's id ({@code
   * session:<channelId>:<txHash>}, as no single challenge pays for it) and whose {@code scope} is
   * {@code channel:<channelId>} (draft-tempo-session-00 §"Settlement Procedure").
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

  /**
   * A subscription changed (draft-payment-intent-subscription-00 §"Subscription Lifecycle"): it was
   * activated, renewed, a charge failed, it was cancelled, or it ended.
   *
   * @param subscriptionId the server-issued subscription id
   * @param change what happened
   * @param scope the resource it was activated for
   * @param period the billing period concerned (0 is the activation), or -1 when none
   * @param amount base units charged (or attempted) for the period, zero when nothing was
   * @param reference the transaction hash, or null
   * @param payer the payer's DID, or null
   * @param detail why a charge failed or when a cancellation takes effect, or null
   * @since 0.2.0
   */
  record SubscriptionChanged(
      Instant at,
      String subscriptionId,
      SubscriptionChange change,
      String method,
      String scope,
      long period,
      BigInteger amount,
      String currency,
      String reference,
      String payer,
      String detail)
      implements PaymentEvent {
    public SubscriptionChanged {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(change, "change");
    }
  }

  /**
   * What happened to a subscription in a {@link SubscriptionChanged}.
   *
   * @since 0.2.0
   */
  enum SubscriptionChange {
    /** Activated: the first period was charged. */
    ACTIVATED,
    /** A later period was charged. */
    RENEWED,
    /** A charge (activation or renewal) failed; the payer is past due. */
    CHARGE_FAILED,
    /** A charge was sent but its outcome is not known yet. */
    CHARGE_PENDING,
    /** Cancelled: no further renewals; access ends with the paid period. */
    CANCELLED,
    /** The payer revoked the access key: no further renewals. */
    REVOKED,
    /** Ended: expired, or a cancellation took effect. */
    ENDED
  }
}
