package io.mpp4j.core;

import java.util.List;

/**
 * Decides one request against the offers prepared for its route: without a credential, admission by
 * a handler or a {@code 402}; with several, {@code 400}; with one, its verification, any refusal
 * answered through {@link Refusals}. May throw on an engine fault; {@link Mpp#decide} turns that
 * into a {@code 500}.
 */
final class PreparedOfferDecider {
  private final CredentialVerifier verifier;
  private final Refusals refusals;
  private final AdmissionWithoutCredential admission;

  PreparedOfferDecider(CredentialVerifier verifier, Refusals refusals, EngineEvents events) {
    this.verifier = verifier;
    this.refusals = refusals;
    this.admission = new AdmissionWithoutCredential(refusals, events);
  }

  Decision decide(PaymentExchange exchange, List<PreparedOffer> offers) {
    List<PaymentExchange.Presented> presented = exchange.credentials();
    if (presented.isEmpty()) {
      return admission
          .admit(exchange, offers)
          .orElseGet(() -> refusals.paymentRequired(exchange, offers));
    }
    if (presented.size() > 1) {
      return new Decision.Rejected(
          new Problem(ProblemType.BAD_REQUEST, "Send exactly one Payment credential.", null), 0);
    }
    try {
      return verifier.verify(exchange, offers, presented.get(0));
    } catch (PaymentException e) {
      return refusals.refuse(exchange, offers, presented.get(0), e);
    }
  }
}
