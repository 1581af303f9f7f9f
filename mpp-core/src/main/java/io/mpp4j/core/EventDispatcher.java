package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.event.PaymentListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers events to listeners on one daemon thread that exists only while there is work: a request
 * thread only offers the event to a bounded queue. Full queue: the event is dropped and counted. A
 * listener's exception is logged (its class only) and ignored.
 */
final class EventDispatcher {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<PaymentListener> listeners;
  private final boolean observed;
  private final ThreadPoolExecutor executor;
  private final AtomicLong dropped = new AtomicLong();

  EventDispatcher(List<PaymentListener> userListeners, int capacity) {
    this.observed = !userListeners.isEmpty();
    List<PaymentListener> all = new ArrayList<>(userListeners.size() + 1);
    all.add(new SettlementLog());
    all.addAll(userListeners);
    this.listeners = List.copyOf(all);
    this.executor =
        new ThreadPoolExecutor(
            0,
            1,
            2,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(capacity),
            runnable -> {
              Thread thread = new Thread(runnable, "mpp-events");
              thread.setDaemon(true);
              return thread;
            },
            (runnable, pool) -> {
              if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.log(System.Logger.Level.WARNING, "payment event queue full; dropping events");
              }
            });
  }

  /** Whether listeners other than the built-in log want every event. */
  boolean observed() {
    return observed;
  }

  void publish(PaymentEvent event) {
    executor.execute(() -> deliver(event));
  }

  long dropped() {
    return dropped.get();
  }

  private void deliver(PaymentEvent event) {
    for (PaymentListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "payment listener {0} failed: {1}",
            listener.getClass().getName(),
            e.getClass().getName());
      }
    }
  }

  /** The one INFO line per settled payment, and warnings for what an operator must look at. */
  private static final class SettlementLog implements PaymentListener {
    private static final System.Logger PAYMENTS = System.getLogger("io.mpp4j.payments");

    @Override
    public void onEvent(PaymentEvent event) {
      if (event instanceof PaymentEvent.PaymentSettled e) {
        if (PAYMENTS.isLoggable(System.Logger.Level.INFO)) {
          PAYMENTS.log(
              System.Logger.Level.INFO,
              "payment settled: {0}/{1} {2} {3} for {4}, reference {5}, challenge {6}",
              e.method(),
              e.intent(),
              e.amount(),
              e.currency(),
              e.scope(),
              e.reference(),
              e.challengeId());
        }
      } else if (event instanceof PaymentEvent.OutcomeUnknown e) {
        PAYMENTS.log(
            System.Logger.Level.ERROR,
            "payment outcome unknown: {0}/{1} {2} {3} for {4}, challenge {5} stays claimed;"
                + " reconcile with the payment network ({6})",
            e.method(),
            e.intent(),
            e.amount(),
            e.currency(),
            e.scope(),
            e.challengeId(),
            e.detail());
      } else if (event instanceof PaymentEvent.HandlerFailed e) {
        PAYMENTS.log(
            System.Logger.Level.WARNING,
            "paid request not served: {0}/{1} reference {2}, challenge {3}, {4} failed with {5}",
            e.method(),
            e.intent(),
            e.reference(),
            e.challengeId(),
            e.scope(),
            e.failure());
      }
    }
  }
}
