package io.mpp4j.core;

import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import io.mpp4j.core.event.PaymentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Turns a refused request into the decision its client gets (draft-httpauth-payment-00, "Usage of
 * 402", "Error Handling"): a {@code 402} carrying fresh challenges for every problem a new payment
 * can fix, {@code 503} with {@code Retry-After} when infrastructure is down, another 4xx otherwise.
 * Reports each refusal and each challenge issued to the engine's listeners.
 */
final class Refusals {
  private final ChallengeIssuer issuer;
  private final EngineEvents events;
  private final Clock clock;
  private final int retryAfterSeconds;

  Refusals(ChallengeIssuer issuer, EngineEvents events, Clock clock, int retryAfterSeconds) {
    this.issuer = issuer;
    this.events = events;
    this.clock = clock;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The first answer to a request that carried no credential: pay one of these challenges. */
  Decision paymentRequired(PaymentExchange exchange, List<PreparedOffer> offers) {
    List<Challenge> issued = issue(exchange, offers);
    return new Decision.PaymentRequired(
        issued,
        new Problem(ProblemType.PAYMENT_REQUIRED, "Payment is required.", issued.get(0).id()));
  }

  /**
   * The answer to a refused credential, or to a handler refusing a request without one ({@code
   * presented} null).
   */
  Decision refuse(
      PaymentExchange exchange,
      List<PreparedOffer> offers,
      PaymentExchange.Presented presented,
      PaymentException e) {
    if (events.observed()) {
      Challenge echoed = presented == null ? null : echoedOrNull(presented);
      events.publish(
          new PaymentEvent.PaymentRefused(
              clock.instant(),
              echoed == null ? null : echoed.id(),
              echoed == null ? null : echoed.method(),
              echoed == null ? null : echoed.intent(),
              exchange.scope().orElse(""),
              e.type(),
              Duration.ZERO));
    }
    ProblemType type = e.type();
    if (type == ProblemType.SERVICE_UNAVAILABLE) {
      return new Decision.Rejected(Problem.of(e, null), retryAfterSeconds);
    }
    if (type.carriesChallenge() || type == ProblemType.METHOD_UNSUPPORTED) {
      List<Challenge> issued = issue(exchange, offers);
      return new Decision.PaymentRequired(issued, Problem.of(e, issued.get(0).id()));
    }
    return new Decision.Rejected(Problem.of(e, null), 0);
  }

  /** A 500 that says nothing about the cause (which is logged, not sent). */
  static Decision internalError() {
    return new Decision.Rejected(
        new Problem(ProblemType.INTERNAL_ERROR, "The payment could not be processed.", null), 0);
  }

  /** The challenge a refused credential echoed, for the event; null when it cannot be read. */
  private static Challenge echoedOrNull(PaymentExchange.Presented presented) {
    if (presented.decoded() != null) {
      return presented.decoded().challenge();
    }
    try {
      if (X402Headers.PAYMENT_SIGNATURE.equalsIgnoreCase(presented.header())) {
        return X402Headers.challenge(X402Headers.decodePaymentPayload(presented.value()));
      }
      return PaymentHeaders.parseCredentialForVerification(presented.value()).challenge();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private List<Challenge> issue(PaymentExchange exchange, List<PreparedOffer> offers) {
    List<Challenge> issued = issuer.challenges(exchange, offers);
    if (events.observed()) {
      for (Challenge challenge : issued) {
        IntentRequest request = requestOf(offers, challenge);
        events.publish(
            new PaymentEvent.ChallengeIssued(
                clock.instant(),
                challenge.id(),
                challenge.method(),
                challenge.intent(),
                exchange.scope().orElse(""),
                request.amount(),
                request.currency()));
      }
    }
    return issued;
  }

  private static IntentRequest requestOf(List<PreparedOffer> offers, Challenge challenge) {
    for (PreparedOffer offer : offers) {
      if (offer.isFor(challenge.method(), challenge.intent())
          && offer.requestWire().equals(challenge.request())) {
        return offer.request();
      }
    }
    for (PreparedOffer offer : offers) {
      if (offer.isFor(challenge.method(), challenge.intent())) {
        return offer.request(); // a per-challenge request: same amount and currency
      }
    }
    throw new IllegalStateException("challenge without offer");
  }
}
