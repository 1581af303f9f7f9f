package io.mpp4j.core;

/** An offer with its method and computed request, cached by the engine for static prices. */
record PreparedOffer(Offer offer, PaymentMethod method, ChargeRequest request, String requestWire) {

  boolean isFor(String methodId, String intent) {
    return offer.method().equals(methodId) && offer.intent().equals(intent);
  }
}
