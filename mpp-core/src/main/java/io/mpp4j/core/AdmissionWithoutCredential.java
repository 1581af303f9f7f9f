package io.mpp4j.core;

import java.util.List;
import java.util.Optional;

/**
 * Lets a request without a credential through when an intent's handler vouches for it, e.g. an
 * active subscription or session already paid for ({@link IntentHandler#admitWithoutCredential}).
 * The first offer whose handler admits the request decides; a handler's refusal is answered like a
 * refused credential.
 */
final class AdmissionWithoutCredential {
  private final Refusals refusals;
  private final EngineEvents events;

  AdmissionWithoutCredential(Refusals refusals, EngineEvents events) {
    this.refusals = refusals;
    this.events = events;
  }

  /** The decision of the first handler that admits or refuses the request; empty when none does. */
  Optional<Decision> admit(PaymentExchange exchange, List<PreparedOffer> offers) {
    for (PreparedOffer offer : offers) {
      Optional<Verified> verified;
      try {
        verified = offer.handler().admitWithoutCredential(exchange, offer.request());
      } catch (PaymentException e) {
        return Optional.of(refusals.refuse(exchange, offers, null, e));
      }
      if (verified.isPresent()) {
        return Optional.of(admitted(exchange, offer, verified.get()));
      }
    }
    return Optional.empty();
  }

  private Decision admitted(PaymentExchange exchange, PreparedOffer offer, Verified verified) {
    Receipt receipt = verified.receipt();
    if (!verified.serve()) {
      return new Decision.Acknowledged(receipt);
    }
    Payment payment =
        new Payment(
            receipt,
            offer.offer().method(),
            offer.offer().intent(),
            offer.request(),
            receipt.text("challengeId").orElse(receipt.reference()),
            null);
    return new Decision.Paid(
        new Settlement(payment, verified.metering().orElse(null), events.hooks(exchange, null)));
  }
}
