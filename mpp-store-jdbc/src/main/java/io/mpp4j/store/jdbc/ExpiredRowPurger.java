package io.mpp4j.store.jdbc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs {@link JdbcStore#purgeExpired()} at a fixed delay on one daemon thread. */
final class ExpiredRowPurger implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExpiredRowPurger.class.getName());

  private final JdbcStore store;
  private final Duration interval;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "mpp-store-jdbc-purge");
            thread.setDaemon(true);
            return thread;
          });

  ExpiredRowPurger(JdbcStore store, Duration interval) {
    this.store = store;
    this.interval = interval;
  }

  void start() {
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void purge() {
    try {
      long deleted = store.purgeExpired();
      LOG.log(System.Logger.Level.DEBUG, "purged {0} expired payment store rows", deleted);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "purging expired payment store rows failed ({0}); retrying in {1}",
          e.getClass().getSimpleName(),
          interval);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
