package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;

/**
 * What the engine does when a {@link Settlement} closes: keep the response for idempotent retries,
 * or remember a payment whose handler failed (so a retry is served without a second charge), and
 * report the failure.
 */
final class SettlementHooks implements Settlement.Hooks {
  private final Mpp mpp;
  private final PaymentExchange exchange;
  private final IdempotencyGuard.Call call;

  SettlementHooks(Mpp mpp, PaymentExchange exchange, IdempotencyGuard.Call call) {
    this.mpp = mpp;
    this.exchange = exchange;
    this.call = call;
  }

  @Override
  public void served(Payment payment, Served served) {
    if (call == null) {
      return;
    }
    try {
      mpp.idempotency().complete(call, served.response());
    } catch (RuntimeException e) {
      Mpp.LOG.log(
          System.Logger.Level.WARNING, "could not keep an idempotent response: {0}", e.toString());
    }
  }

  @Override
  public void failed(Payment payment, String failure) {
    mpp.publish(
        new PaymentEvent.HandlerFailed(
            mpp.clock().instant(),
            payment.challengeId(),
            payment.method(),
            payment.intent(),
            exchange.scope().orElse(""),
            payment.reference(),
            failure));
    if (call == null) {
      return;
    }
    try {
      mpp.idempotency().unserved(call, payment);
    } catch (RuntimeException e) {
      Mpp.LOG.log(
          System.Logger.Level.WARNING,
          "could not remember an unserved payment for its retry: {0}",
          e.toString());
    }
  }
}
