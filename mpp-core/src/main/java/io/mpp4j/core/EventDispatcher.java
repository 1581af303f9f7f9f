package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.event.PaymentListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers events to listeners on one daemon thread that exists only while there is work. A request
 * thread only appends the event to a bounded lock-free queue, and wakes the thread only when it
 * sleeps; while events keep coming, the thread takes them in batches every millisecond instead of
 * being woken per event. A full queue drops the event and counts it. A listener's exception is
 * logged (its class only) and ignored. Events nobody would see (no listener, the payment log off)
 * are not built.
 */
final class EventDispatcher {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** After an event, the thread polls every {@link #BATCH_NANOS} for this long before it sleeps. */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * While events keep coming they are taken in batches at this interval: a request never wakes the
   * thread (a system call and a context switch per payment under load).
   */
  private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final List<PaymentListener> listeners;
  private final boolean observed;
  private final int capacity;
  private final ConcurrentLinkedQueue<PaymentEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Thread worker;
  private volatile boolean sleeping;

  EventDispatcher(List<PaymentListener> userListeners, int capacity) {
    this.observed = !userListeners.isEmpty();
    this.capacity = capacity;
    List<PaymentListener> all = new ArrayList<>(userListeners.size() + 1);
    all.add(new SettlementLog());
    all.addAll(userListeners);
    this.listeners = List.copyOf(all);
  }

  /** Whether listeners other than the built-in log want every event. */
  boolean observed() {
    return observed;
  }

  /** Whether a settled payment would be seen: a listener, or the payment log at INFO. */
  boolean wantsSettlements() {
    return observed || SettlementLog.logsSettlements();
  }

  void publish(PaymentEvent event) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.log(System.Logger.Level.WARNING, "payment event queue full; dropping events");
      }
      return;
    }
    queue.offer(event);
    Thread current = worker;
    if (current != null) {
      if (sleeping) {
        LockSupport.unpark(current);
      }
    } else if (running.compareAndSet(false, true)) {
      Thread thread = new Thread(this::drain, "mpp-events");
      thread.setDaemon(true);
      worker = thread;
      thread.start();
    }
  }

  long dropped() {
    return dropped.get();
  }

  private void drain() {
    long idleSince = System.nanoTime();
    while (true) {
      PaymentEvent event = queue.poll();
      if (event != null) {
        size.decrementAndGet();
        deliver(event);
        idleSince = System.nanoTime();
        continue;
      }
      if (System.nanoTime() - idleSince > IDLE_NANOS) {
        worker = null;
        running.set(false);
        if (queue.isEmpty() || !running.compareAndSet(false, true)) {
          return;
        }
        worker = Thread.currentThread();
        continue;
      }
      if (System.nanoTime() - idleSince < LINGER_NANOS) {
        LockSupport.parkNanos(this, BATCH_NANOS);
        continue;
      }
      sleeping = true;
      if (queue.isEmpty()) {
        LockSupport.parkNanos(this, IDLE_NANOS);
      }
      sleeping = false;
    }
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

    static boolean logsSettlements() {
      return PAYMENTS.isLoggable(System.Logger.Level.INFO);
    }

    @Override
    public void onEvent(PaymentEvent event) {
      if (event instanceof PaymentEvent.PaymentSettled e) {
        if (logsSettlements()) {
          // built by hand: MessageFormat would parse the pattern and build a NumberFormat per line
          PAYMENTS.log(
              System.Logger.Level.INFO,
              new StringBuilder(160)
                  .append("payment settled: ")
                  .append(e.method())
                  .append('/')
                  .append(e.intent())
                  .append(' ')
                  .append(e.amount())
                  .append(' ')
                  .append(e.currency())
                  .append(" for ")
                  .append(e.scope())
                  .append(", reference ")
                  .append(e.reference())
                  .append(", challenge ")
                  .append(e.challengeId())
                  .toString());
        }
      } else if (event instanceof PaymentEvent.OutcomeUnknown e) {
        PAYMENTS.log(
            System.Logger.Level.ERROR,
            "payment outcome unknown: {0}/{1} {2} {3} for {4}, challenge {5} kept pending until"
                + " a retry or the reconciler resolves it ({6})",
            e.method(),
            e.intent(),
            String.valueOf(e.amount()),
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
