package io.mpp4j.core;

import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.codec.X402Headers;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The engine's verification of one presented credential, in the order of {@link Mpp}'s class
 * comment: decode, method and intent offered, HMAC id and realm, credential header, pinned offer,
 * body digest, idempotency, the intent's replay rule (expiry and claim), policy, then the handler.
 * Every refusal is a {@link PaymentException}, turned into a decision by the engine.
 */
final class CredentialVerifier {
  private final Engine engine;

  CredentialVerifier(Engine engine) {
    this.engine = engine;
  }

  /** The parts of the engine verification needs. */
  record Engine(
      String realm,
      ChallengeBinding binding,
      Store store,
      Clock clock,
      PaymentPolicy policy,
      int maxCredentialBytes,
      IdempotencyGuard idempotency,
      PendingPayments pending,
      X402Support x402,
      EngineEvents events) {}

  Decision verify(
      PaymentExchange exchange, List<PreparedOffer> offers, PaymentExchange.Presented presented) {
    Credential credential = decode(presented);
    Challenge echoed = credential.challenge();
    if (offers.stream().noneMatch(o -> o.isFor(echoed.method(), echoed.intent()))) {
      throw new PaymentExceptions.MethodUnsupported(
          "This resource does not accept " + echoed.method() + "/" + echoed.intent() + ".");
    }
    if (!engine.realm().equals(echoed.realm()) || !engine.binding().verify(echoed)) {
      throw new PaymentExceptions.InvalidChallenge("Challenge was not issued by this server.");
    }
    if (presented.header() != null
        && !presented.header().equalsIgnoreCase(echoed.credentialHeader())) {
      throw new PaymentExceptions.InvalidChallenge(
          "The credential must be sent in the " + echoed.credentialHeader() + " header.");
    }
    ChallengePinning.Pinned pinned = ChallengePinning.pinnedOffer(exchange, offers, echoed);
    PreparedOffer offer = pinned.offer();
    boolean sameRequest =
        ChallengePinning.checkDigest(exchange, echoed, offer) && pinned.sameRequest();
    IdempotencyGuard.Call call = null;
    if (exchange.idempotencyKey().isPresent()) {
      IdempotencyGuard.Start start = beginIdempotent(exchange);
      if (start instanceof IdempotencyGuard.Replay replay) {
        return new Decision.Replayed(replay.response());
      }
      if (start instanceof IdempotencyGuard.Refuse refuse) {
        return new Decision.Rejected(refuse.problem(), 0);
      }
      if (start instanceof IdempotencyGuard.Resume resume) {
        Payment payment =
            new Payment(
                resume.receipt(),
                echoed.method(),
                echoed.intent(),
                offer.request(),
                resume.challengeId(),
                resume.source());
        return new Decision.Paid(
            new Settlement(payment, null, engine.events().hooks(exchange, resume.call())));
      }
      call = ((IdempotencyGuard.Proceed) start).call();
    }
    try {
      return settle(exchange, credential, offer, sameRequest, call);
    } catch (RuntimeException e) {
      if (call != null) {
        abandonQuietly(call);
      }
      throw e;
    }
  }

  private Decision settle(
      PaymentExchange exchange,
      Credential credential,
      PreparedOffer offer,
      boolean sameRequest,
      IdempotencyGuard.Call call) {
    Challenge echoed = credential.challenge();
    boolean singleUse = offer.intent().replayRule() == ReplayRule.SINGLE_USE;
    Instant expires = expiry(echoed, singleUse);
    engine.policy().check(credential, exchange);
    String claimKey = null;
    if (singleUse) {
      claimKey = claimKey(echoed.id());
      if (!claim(claimKey, expires)) {
        return retryOfUsedChallenge(exchange, credential, offer, claimKey, call);
      }
    }
    long started = System.nanoTime();
    VerificationContext<IntentRequest> context =
        VerificationContext.builder(offer.request(), echoed)
            .realm(engine.realm())
            .expires(expires)
            .exchange(exchange)
            .store(engine.store())
            .clock(engine.clock())
            .sameRequest(sameRequest)
            .challengeNonce(ChallengeIssuer.nonceOf(echoed.opaque()))
            .build();
    Verified verified;
    try {
      verified = offer.handler().verify(credential, context);
    } catch (PaymentExceptions.ServiceUnavailable e) {
      if (e.isOutcomeUnknown()) {
        engine
            .pending()
            .recordUnknown(exchange, offer, credential, context.submission(), e.detail());
        engine.events().publish(unknown(exchange, offer, echoed, e));
      } else {
        releaseQuietly(claimKey);
        engine.events().publish(failed(echoed, e));
      }
      throw e;
    } catch (PaymentException e) {
      releaseQuietly(claimKey);
      context
          .submission()
          .ifPresent(
              s -> engine.pending().recordFailed(exchange, offer, credential, s, e.detail()));
      throw e;
    } catch (RuntimeException e) {
      releaseQuietly(claimKey);
      engine.events().publish(failed(echoed, e));
      throw new PaymentExceptions.ServiceUnavailable(
          "Payment could not be verified; retry later.", e);
    }
    if (verified.recordsPayment()) {
      engine.pending().recordSettled(exchange, offer, credential, verified.receipt());
    }
    Payment payment =
        new Payment(
            verified.receipt(),
            echoed.method(),
            echoed.intent(),
            offer.request(),
            echoed.id(),
            credential.source());
    if (verified.recordsPayment() && engine.events().wantsSettlements()) {
      engine.events().publish(settled(exchange, payment, started));
    }
    if (!verified.serve()) {
      if (call != null) {
        abandonQuietly(call);
      }
      return new Decision.Acknowledged(verified.receipt());
    }
    return new Decision.Paid(
        new Settlement(
            payment, verified.metering().orElse(null), engine.events().hooks(exchange, call)));
  }

  private Credential decode(PaymentExchange.Presented presented) {
    if (presented.decoded() != null) {
      return presented.decoded();
    }
    if (presented.value().length() > engine.maxCredentialBytes()) {
      throw new PaymentExceptions.MalformedCredential(
          "Credential is larger than " + engine.maxCredentialBytes() + " bytes.");
    }
    if (X402Headers.PAYMENT_SIGNATURE.equalsIgnoreCase(presented.header())) {
      return engine.x402().decode(presented.value());
    }
    try {
      return PaymentHeaders.parseCredentialForVerification(presented.value());
    } catch (CodecException e) {
      throw new PaymentExceptions.MalformedCredential(
          "Credential cannot be decoded: " + e.getMessage() + ".");
    }
  }

  private IdempotencyGuard.Start beginIdempotent(PaymentExchange exchange) {
    try {
      return engine
          .idempotency()
          .begin(
              exchange.idempotencyKey().orElseThrow(),
              exchange.scope().orElse(null),
              exchange.body());
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
  }

  /** The challenge's expiry: required and in the future for a single-use challenge. */
  private Instant expiry(Challenge echoed, boolean required) {
    if (echoed.expires() == null) {
      if (required) {
        throw new PaymentExceptions.InvalidChallenge("Challenge has no expiry.");
      }
      return null;
    }
    Instant expires;
    try {
      expires = Timestamps.parse(echoed.expires());
    } catch (DateTimeParseException e) {
      throw new PaymentExceptions.InvalidChallenge("Challenge expiry is malformed.");
    }
    if (required && !engine.clock().instant().isBefore(expires)) {
      throw new PaymentExceptions.PaymentExpired("Challenge has expired.");
    }
    return expires;
  }

  /** The store key of a single-use challenge's claim. */
  static String claimKey(String challengeId) {
    return "challenge:" + challengeId;
  }

  private boolean claim(String key, Instant expires) {
    Duration ttl = Duration.between(engine.clock().instant(), expires).plusMinutes(1);
    try {
      return engine.store().claim(key, ttl);
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
  }

  /**
   * A credential whose challenge was already claimed: served once when it was the payment whose
   * outcome was unknown and the network shows it settled; otherwise a replay.
   */
  private Decision retryOfUsedChallenge(
      PaymentExchange exchange,
      Credential credential,
      PreparedOffer offer,
      String claimKey,
      IdempotencyGuard.Call call) {
    PendingPayments.Retry retry;
    try {
      retry = engine.pending().onRetry(credential, offer, () -> releaseQuietly(claimKey));
    } catch (StoreUnavailableException e) {
      throw storeDown(e);
    }
    if (retry instanceof PendingPayments.Serve serve) {
      return new Decision.Paid(
          new Settlement(serve.payment(), null, engine.events().hooks(exchange, call)));
    }
    throw new PaymentExceptions.InvalidChallenge("Challenge has already been used.");
  }

  private PaymentExceptions.ServiceUnavailable storeDown(StoreUnavailableException e) {
    engine
        .events()
        .publish(
            new PaymentEvent.ServiceFailed(
                engine.clock().instant(),
                PaymentEvent.Component.STORE,
                null,
                "payment store unavailable"));
    return new PaymentExceptions.ServiceUnavailable(
        "Payment store is unavailable; retry later.", e);
  }

  private void releaseQuietly(String key) {
    if (key == null) {
      return;
    }
    try {
      engine.store().release(key);
    } catch (RuntimeException e) {
      Mpp.LOG.log(
          System.Logger.Level.WARNING, "could not release a challenge claim; it expires by itself");
    }
  }

  private void abandonQuietly(IdempotencyGuard.Call call) {
    try {
      engine.idempotency().abandon(call);
    } catch (RuntimeException e) {
      Mpp.LOG.log(System.Logger.Level.WARNING, "could not release an idempotency key; it expires");
    }
  }

  private PaymentEvent settled(PaymentExchange exchange, Payment payment, long startedNanos) {
    return new PaymentEvent.PaymentSettled(
        engine.clock().instant(),
        payment.challengeId(),
        payment.method(),
        payment.intent(),
        exchange.scope().orElse(""),
        payment.amount(),
        payment.currency(),
        payment.reference(),
        payment.source(),
        exchange.idempotencyKey().orElse(null),
        Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** A method's failure: its store when a store exception caused it, else its network. */
  private PaymentEvent failed(Challenge echoed, RuntimeException e) {
    boolean store = false;
    for (Throwable cause = e; cause != null && !store; cause = cause.getCause()) {
      store = cause instanceof StoreUnavailableException;
    }
    return new PaymentEvent.ServiceFailed(
        engine.clock().instant(),
        store ? PaymentEvent.Component.STORE : PaymentEvent.Component.METHOD,
        echoed.method(),
        store ? "payment store unavailable" : "payment method unavailable");
  }

  private PaymentEvent unknown(
      PaymentExchange exchange, PreparedOffer offer, Challenge echoed, PaymentException e) {
    return new PaymentEvent.OutcomeUnknown(
        engine.clock().instant(),
        echoed.id(),
        echoed.method(),
        echoed.intent(),
        exchange.scope().orElse(""),
        offer.request().amount(),
        offer.request().currency(),
        e.detail());
  }
}
