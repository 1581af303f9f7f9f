package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;

/**
 * {@link EngineEvents} of one {@link Mpp}: events go to its {@link EventDispatcher}, settlements
 * close through {@link SettlementHooks} on the engine.
 */
record DispatcherEvents(Mpp mpp, EventDispatcher events) implements EngineEvents {
  @Override
  public void publish(PaymentEvent event) {
    events.publish(event);
  }

  @Override
  public boolean observed() {
    return events.observed();
  }

  @Override
  public boolean wantsSettlements() {
    return events.wantsSettlements();
  }

  @Override
  public Settlement.Hooks hooks(PaymentExchange exchange, IdempotencyGuard.Call call) {
    return new SettlementHooks(mpp, exchange, call);
  }
}
