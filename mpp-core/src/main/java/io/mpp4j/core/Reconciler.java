package io.mpp4j.core;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every engine's {@link Mpp#reconcile} on one shared daemon thread. An engine is held weakly:
 * its task stops when the engine is no longer used.
 */
final class Reconciler {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "mpp-reconciler");
            thread.setDaemon(true);
            return thread;
          });

  private Reconciler() {}

  static void schedule(Mpp mpp, Duration every) {
    WeakReference<Mpp> engine = new WeakReference<>(mpp);
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    long millis = every.toMillis();
    task.set(
        SCHEDULER.scheduleWithFixedDelay(
            () -> {
              Mpp live = engine.get();
              if (live == null) {
                ScheduledFuture<?> self = task.get();
                if (self != null) {
                  self.cancel(false);
                }
                return;
              }
              try {
                live.reconcile();
              } catch (RuntimeException e) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "reconciliation failed: {0}",
                    e.getClass().getName());
              }
            },
            millis,
            millis,
            TimeUnit.MILLISECONDS));
  }
}
