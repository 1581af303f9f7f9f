package io.mpp4j.tempo;

import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.tempo.SubscriptionRenewals.Access;
import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code keyAuthorization} credential (draft-payment-intent-subscription-00 §"Activation",
 * draft-tempo-subscription-00 §"Settlement Procedure"). The credential is single-use per challenge
 * and proves who the payer is (a signature over a key authorization bound to this challenge, never
 * a subscription id alone). If the payer already holds a live subscription on this plan, it is the
 * payer's proof of identity: the paid period is served without a new charge, or the due period is
 * renewed first. Otherwise it activates a subscription: one sponsored transaction carries the key
 * authorization and the first period's transfer; the record is written, in flight, before it is
 * sent, and the subscription is active only once it settled, anchored at its block's timestamp.
 */
final class SubscriptionActivation {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ATTEMPTS = 3;

  private final SubscriptionContext ctx;
  private final SubscriptionRenewals renewals;

  SubscriptionActivation(SubscriptionContext ctx, SubscriptionRenewals renewals) {
    this.ctx = ctx;
    this.renewals = renewals;
  }

  Verified verify(Credential credential, VerificationContext<SubscriptionRequest> context) {
    SubscriptionTerms terms;
    try {
      terms = SubscriptionTerms.of(context.request());
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.VerificationFailed("The challenge is not a Tempo subscription.");
    }
    Instant expires = context.expires().orElse(null);
    if (expires == null || !context.now().isBefore(expires)) {
      throw new PaymentExceptions.PaymentExpired("Challenge has expired.");
    }
    if (terms.expires() <= expires.getEpochSecond()) {
      throw new PaymentExceptions.VerificationFailed(
          "subscriptionExpires must be later than the challenge's expiry.");
    }
    SubscriptionGrantCheck.Grant grant = SubscriptionGrantCheck.check(credential, terms);
    String challengeId = credential.challenge().id();
    String fingerprint = fingerprint(credential);
    String id = newId();
    Duration ttl = Duration.between(context.now(), expires).plusMinutes(1);
    if (!ctx.store().claimChallenge(challengeId, id, ttl)) {
      return retry(challengeId, fingerprint);
    }
    try {
      return settle(credential, context, terms, grant, id, fingerprint);
    } catch (PaymentExceptions.VerificationFailed | PaymentExceptions.ServiceUnavailable e) {
      Optional<SubscriptionStore.Versioned> started = ctx.store().get(id);
      if (started.isEmpty()) {
        ctx.store().releaseChallenge(challengeId); // nothing was sent: the credential may retry
      }
      throw e;
    }
  }

  private Verified settle(
      Credential credential,
      VerificationContext<SubscriptionRequest> context,
      SubscriptionTerms terms,
      SubscriptionGrantCheck.Grant grant,
      String id,
      String fingerprint) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<StoreRecord> holder = ctx.store().holder(terms.planKey(), grant.payer());
      if (holder.isPresent()) {
        String held = new String(holder.get().value(), StandardCharsets.UTF_8);
        boolean wasLive = ctx.store().get(held).map(v -> v.record().status().live()).orElse(false);
        Access access = renewals.access(held, true);
        if (!(access instanceof SubscriptionRenewals.Ended ended)) {
          return served(access);
        }
        if (wasLive && ended.record() != null && ended.record().status() != Status.FAILED) {
          throw new PaymentExceptions.VerificationFailed(
              "The subscription ended: " + ending(ended.record().status()) + ".");
        }
      }
      long version = holder.map(StoreRecord::version).orElse(0L);
      Optional<Verified> activated =
          activate(credential, context, terms, grant, id, fingerprint, version);
      if (activated.isPresent()) {
        return activated.get();
      }
    }
    throw new PaymentExceptions.ServiceUnavailable(
        "The subscription is changing; retry shortly.", null);
  }

  /** Activates; empty when another activation for this payer and plan got there first. */
  private Optional<Verified> activate(
      Credential credential,
      VerificationContext<SubscriptionRequest> context,
      SubscriptionTerms terms,
      SubscriptionGrantCheck.Grant grant,
      String id,
      String fingerprint,
      long holderVersion) {
    String nonce =
        context
            .challengeNonce()
            .orElseThrow(() -> new PaymentExceptions.VerificationFailed("Challenge has no nonce."));
    BigInteger key = ctx.keys.accessKey(nonce);
    if (!Secp256k1.address(key).equals(terms.accessKey())) {
      throw new PaymentExceptions.VerificationFailed("The challenge's access key is not ours.");
    }
    try {
      if (terms.expires() <= ctx.chain.now() + ctx.settings.validity().toSeconds()) {
        throw new PaymentExceptions.VerificationFailed(
            "The subscription would end before its activation could settle.");
      }
      if (ctx.chain.balance(terms.currency(), grant.payer()).compareTo(terms.amount()) < 0) {
        throw new PaymentExceptions.VerificationFailed(
            "The payer's balance does not cover the first period.");
      }
    } catch (RpcException e) {
      throw SubscriptionRenewals.unavailable(e);
    }
    SubscriptionRecord draft =
        new SubscriptionRecord(
            id,
            Status.ACTIVATING,
            terms.planKey(),
            context.exchange().scope().orElse(""),
            terms.amount(),
            terms.currency(),
            terms.recipient(),
            terms.chainId(),
            terms.periodSeconds(),
            terms.externalId(),
            grant.payer(),
            terms.accessKey(),
            ctx.keys.seal(key, id),
            grant.memo(),
            terms.expires(),
            0,
            -1,
            null,
            0,
            0,
            null,
            null,
            0,
            credential.challenge().id(),
            fingerprint);
    try (BroadcastLimiter.Permit permit = ctx.charger.permit(grant.payer())) {
      SubscriptionCharger.Charge charge;
      try {
        charge = ctx.charger.sign(draft, key, grant.authorization(), ctx.memo(draft, 0, 1));
      } catch (RpcException e) {
        throw SubscriptionRenewals.unavailable(e);
      }
      SubscriptionRecord sending = draft.sending(0, charge.hash(), charge.validBefore());
      if (!ctx.store().create(sending)) {
        throw new IllegalStateException("subscription id collision");
      }
      if (!ctx.store().hold(terms.planKey(), grant.payer(), holderVersion, sending)) {
        ctx.store().delete(id);
        return Optional.empty();
      }
      ctx.store().index(id);
      ctx.journal.sending(sending, 0, 1, charge.hash());
      renewals.apply(sending, 0, 1, charge.hash(), ctx.charger.send(sending, charge));
    }
    Access access = renewals.access(id, true);
    if (access instanceof SubscriptionRenewals.Ended ended && ended.record() != null) {
      SubscriptionRecord.Failure failure = ended.record().failure();
      throw new PaymentExceptions.VerificationFailed(
          "The subscription could not be activated: "
              + (failure != null ? failure.reason() : "it ended")
              + ".");
    }
    return Optional.of(served(access));
  }

  /**
   * A request without a credential from a payer the application authenticated: served under the
   * payer's live subscription on this plan; empty (a challenge) when there is none; refused with a
   * challenge when its renewal failed.
   */
  Optional<Verified> admit(String planKey, String payer) {
    Optional<StoreRecord> holder = ctx.store().holder(planKey, payer);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    Access access = renewals.access(new String(holder.get().value(), StandardCharsets.UTF_8), true);
    if (access instanceof SubscriptionRenewals.Granted granted) {
      return Optional.of(Verified.granted(receipt(granted.record())));
    }
    if (access instanceof SubscriptionRenewals.Ended) {
      return Optional.empty();
    }
    return Optional.of(served(access));
  }

  /** A retry of a credential whose challenge was used: served once its activation settled. */
  private Verified retry(String challengeId, String fingerprint) {
    Optional<SubscriptionRecord> record =
        ctx.store()
            .claimedBy(challengeId)
            .flatMap(id -> ctx.store().get(id))
            .map(SubscriptionStore.Versioned::record)
            .filter(r -> challengeId.equals(r.challengeId()) && fingerprint.equals(r.credential()));
    if (record.isEmpty()) {
      throw new PaymentExceptions.VerificationFailed("This credential was already used.");
    }
    Access access = renewals.access(record.get().id(), true);
    if (access instanceof SubscriptionRenewals.Ended) {
      throw new PaymentExceptions.VerificationFailed(
          "The subscription this credential activated is no longer active.");
    }
    return served(access);
  }

  private Verified served(Access access) {
    if (access instanceof SubscriptionRenewals.Granted granted) {
      return Verified.granted(receipt(granted.record()));
    }
    if (access instanceof SubscriptionRenewals.Refused refused) {
      throw new PaymentExceptions.VerificationFailed(
          "The subscription's renewal failed: " + refused.reason() + ".");
    }
    throw new PaymentExceptions.ServiceUnavailable(
        "A subscription charge is being confirmed; retry shortly.", null);
  }

  private static String ending(Status status) {
    return switch (status) {
      case REVOKED -> "the payer revoked its access key";
      case EXPIRED -> "it expired";
      case CANCELED -> "it was cancelled";
      default -> "it is no longer active";
    };
  }

  /** The receipt of the last charge (draft-tempo-subscription-00 §"Receipt Generation"). */
  static Receipt receipt(SubscriptionRecord r) {
    return new Receipt(TempoMethod.ID, r.reference(), Instant.ofEpochSecond(r.chargedAt()))
        .with("subscriptionId", r.id())
        .withOptional("externalId", r.externalId());
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  private static String fingerprint(Credential credential) {
    String signature = credential.payloadString("signature").orElse("").toLowerCase(Locale.ROOT);
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256").digest(signature.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
