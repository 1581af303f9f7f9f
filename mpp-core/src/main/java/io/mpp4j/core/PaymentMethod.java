package io.mpp4j.core;

import java.util.List;

/**
 * A payment network the engine can charge through (draft-httpauth-payment-00 §10, "payment
 * method"): an id and one {@link IntentHandler} per intent it serves. Implementations are immutable
 * and thread-safe; they are registered once with {@link Mpp.Builder#method}, which refuses a method
 * serving an intent twice.
 *
 * <pre>{@code
 * public List<IntentHandler<?>> handlers() {
 *   return List.of(chargeHandler, sessionHandler);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface PaymentMethod {

  /** The method id in challenges, lowercase letters only ({@code tempo}, {@code stripe}). */
  String id();

  /** One handler per intent this method serves. */
  List<IntentHandler<?>> handlers();

  /**
   * Gives the method the engine's services when the engine is built, for work a method does outside
   * a request (a subscription's scheduled renewals record their charges and publish events). Does
   * nothing by default.
   *
   * @throws IllegalStateException when the method can serve only one engine and already has one
   * @since 0.2.0
   */
  default void attach(PaymentServices services) {}
}
