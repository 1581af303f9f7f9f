package io.mpp4j.core.event;

/**
 * Receives {@link PaymentEvent}s (register with {@code Mpp.Builder#listener}). Listeners run on the
 * engine's event thread, never on the request's: one that throws is logged and ignored, one that
 * blocks delays only later events. The engine queues at most {@code Mpp.EVENT_QUEUE_CAPACITY}
 * events; when the queue is full, new events are dropped and counted, so a payment is never slowed
 * by more than one non-blocking queue offer.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface PaymentListener {
  void onEvent(PaymentEvent event);
}
