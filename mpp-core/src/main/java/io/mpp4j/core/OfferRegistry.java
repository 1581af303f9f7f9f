package io.mpp4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers of the registered methods by method id and intent name, and the requests their
 * offers make (cached, since most routes have fixed prices).
 */
final class OfferRegistry {
  private static final int MAX_CACHED_OFFERS = 4096;

  private final Map<String, Map<String, IntentHandler<IntentRequest>>> handlers;
  private final ConcurrentHashMap<Offer, PreparedOffer> prepared = new ConcurrentHashMap<>();

  /**
   * @throws IllegalStateException when a method serves an intent twice or returns no handlers
   */
  OfferRegistry(Map<String, PaymentMethod> methods) {
    Map<String, Map<String, IntentHandler<IntentRequest>>> byMethod = new LinkedHashMap<>();
    for (PaymentMethod method : methods.values()) {
      Map<String, IntentHandler<IntentRequest>> byIntent = new LinkedHashMap<>();
      List<IntentHandler<?>> list = method.handlers();
      if (list == null || list.isEmpty()) {
        throw new IllegalStateException("payment method " + method.id() + " serves no intent");
      }
      for (IntentHandler<?> handler : list) {
        @SuppressWarnings("unchecked")
        IntentHandler<IntentRequest> typed = (IntentHandler<IntentRequest>) handler;
        String intent = handler.intent().name();
        if (byIntent.putIfAbsent(intent, typed) != null) {
          throw new IllegalStateException(method.id() + " serves intent " + intent + " twice");
        }
      }
      byMethod.put(method.id(), Map.copyOf(byIntent));
    }
    this.handlers = Map.copyOf(byMethod);
  }

  /** The handler of a method and intent, if registered. */
  java.util.Optional<IntentHandler<IntentRequest>> handler(String method, String intent) {
    Map<String, IntentHandler<IntentRequest>> byIntent = handlers.get(method);
    return java.util.Optional.ofNullable(byIntent == null ? null : byIntent.get(intent));
  }

  /** The intents each method serves, in registration order of handlers. */
  Map<String, List<String>> intentsByMethod() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    handlers.forEach((method, byIntent) -> result.put(method, List.copyOf(byIntent.keySet())));
    return result;
  }

  /**
   * The prepared form of each offer.
   *
   * @throws IllegalArgumentException when an offer names a method or intent nobody serves, or its
   *     handler refuses it
   */
  List<PreparedOffer> prepare(List<Offer> offers) {
    if (offers.isEmpty()) {
      throw new IllegalArgumentException("a paid route needs at least one offer");
    }
    List<PreparedOffer> result = new ArrayList<>(offers.size());
    for (Offer offer : offers) {
      PreparedOffer cached = prepared.get(offer);
      if (cached == null) {
        cached = prepareNew(offer);
        if (prepared.size() >= MAX_CACHED_OFFERS) {
          prepared.clear();
        }
        prepared.put(offer, cached);
      }
      result.add(cached);
    }
    return result;
  }

  private PreparedOffer prepareNew(Offer offer) {
    Map<String, IntentHandler<IntentRequest>> byIntent = handlers.get(offer.method());
    if (byIntent == null) {
      throw new IllegalArgumentException("no payment method registered for " + offer.method());
    }
    IntentHandler<IntentRequest> handler = byIntent.get(offer.intent());
    if (handler == null) {
      throw new IllegalArgumentException(
          offer.method()
              + " does not serve intent "
              + offer.intent()
              + " (it serves "
              + byIntent.keySet()
              + ")");
    }
    IntentRequest request = handler.request(offer);
    if (!handler.intent().requestType().isInstance(request)) {
      throw new IllegalStateException(
          offer.method() + "/" + offer.intent() + " made a request of the wrong type");
    }
    return new PreparedOffer(offer, handler, request, request.toWire());
  }
}
