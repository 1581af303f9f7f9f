package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;

/**
 * The engine's outlet for what a decision produces besides itself: payment events for listeners,
 * and the hooks a {@link Settlement} runs when it closes. Implemented by {@link Mpp}.
 */
interface EngineEvents {
  void publish(PaymentEvent event);

  /** Whether any listener is registered: events are only built when someone will read them. */
  boolean observed();

  boolean wantsSettlements();

  Settlement.Hooks hooks(PaymentExchange exchange, IdempotencyGuard.Call call);
}
