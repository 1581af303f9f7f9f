package io.mpp4j.core;

/** An offer with its handler and computed request, cached by the engine for static prices. */
record PreparedOffer(
    Offer offer, IntentHandler<IntentRequest> handler, IntentRequest request, String requestWire) {

  boolean isFor(String methodId, String intent) {
    return offer.method().equals(methodId) && offer.intent().equals(intent);
  }

  Intent<IntentRequest> intent() {
    return handler.intent();
  }
}
