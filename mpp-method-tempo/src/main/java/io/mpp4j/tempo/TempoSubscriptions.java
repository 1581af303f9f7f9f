package io.mpp4j.tempo;

import io.mpp4j.core.PaymentException;
import io.mpp4j.tempo.SubscriptionRenewals.Access;
import io.mpp4j.tempo.SubscriptionStore.Versioned;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The merchant's side of a {@link TempoMethod}'s subscriptions
 * (draft-payment-intent-subscription-00 §"Subscription Lifecycle"): look one up, cancel it at the
 * end of its paid period, and run the renewal job that charges every subscription whose period is
 * due (requests renew on demand too; the store's compare-and-set makes sure a period is charged
 * once however many instances and jobs race). Obtain it with {@link TempoMethod#subscriptions()}
 * once the method is registered with an engine.
 *
 * <pre>{@code
 * TempoSubscriptions subscriptions = tempo.subscriptions();
 * AutoCloseable job = subscriptions.scheduleRenewals(Duration.ofMinutes(1));
 * subscriptions.cancel(subscriptionId);   // access continues until the paid period ends
 * }</pre>
 *
 * @since 0.2.0
 */
public final class TempoSubscriptions {
  private static final System.Logger LOG = System.getLogger(TempoSubscriptions.class.getName());

  private final SubscriptionContext ctx;
  private final SubscriptionRenewals renewals;

  TempoSubscriptions(SubscriptionContext ctx, SubscriptionRenewals renewals) {
    this.ctx = ctx;
    this.renewals = renewals;
  }

  /** What one run of the renewal job did. */
  public record RenewalRun(int visited, int renewed, int failed, int ended, int busy) {}

  /** The subscription with this id, if the store holds it. */
  public Optional<TempoSubscription> find(String subscriptionId) {
    return ctx.store().get(subscriptionId).map(v -> v.record().view());
  }

  /**
   * Cancels a subscription: no further period is charged, and access continues until the end of the
   * period already paid (draft-payment-intent-subscription-00 §"Cancellation"). Cancelling again,
   * or a subscription that already ended, changes nothing.
   *
   * @return the subscription after the call, empty when there is none with this id
   * @throws IllegalStateException while its activation is still being confirmed
   */
  public Optional<TempoSubscription> cancel(String subscriptionId) {
    Optional<Versioned[]> change =
        ctx.store()
            .update(
                subscriptionId,
                r -> {
                  if (r.status() == TempoSubscription.Status.ACTIVATING) {
                    throw new IllegalStateException(
                        "the subscription is still activating; cancel it once it is active");
                  }
                  return r.status().live() && r.cancelAt() == 0 ? r.cancelled(r.paidThrough()) : r;
                });
    if (change.isEmpty()) {
      return Optional.empty();
    }
    SubscriptionRecord after = change.get()[1].record();
    if (change.get()[0] != change.get()[1]) {
      ctx.journal.cancelled(after, after.cancelAt());
    }
    return Optional.of(after.view());
  }

  /**
   * Renews every subscription whose current period is due and unpaid (one charge each, the current
   * period only), resolves charges whose outcome was unknown, and ends subscriptions that expired,
   * were revoked or whose cancellation took effect. Never waits for another instance's charge. Safe
   * to run on every instance at once.
   */
  public RenewalRun renewDue() {
    int visited = 0;
    int renewed = 0;
    int failed = 0;
    int ended = 0;
    int busy = 0;
    for (int bucket = 0; bucket < SubscriptionStore.BUCKETS; bucket++) {
      for (String id : ctx.store().indexed(bucket)) {
        visited++;
        Optional<Versioned> before = ctx.store().get(id);
        if (before.isEmpty() || !before.get().record().status().live()) {
          ctx.store().unindex(id);
          continue;
        }
        Access access;
        try {
          access = renewals.access(id, false);
        } catch (PaymentException | IllegalStateException e) {
          LOG.log(System.Logger.Level.WARNING, "renewal of {0} failed: {1}", id, e.getMessage());
          failed++;
          continue;
        }
        if (access instanceof SubscriptionRenewals.Granted g && g.renewed()) {
          renewed++;
        } else if (access instanceof SubscriptionRenewals.Refused) {
          failed++;
        } else if (access instanceof SubscriptionRenewals.Ended) {
          ended++;
        } else if (access instanceof SubscriptionRenewals.Busy) {
          busy++;
        }
      }
    }
    return new RenewalRun(visited, renewed, failed, ended, busy);
  }

  /**
   * Runs {@link #renewDue} every {@code every} on a daemon thread until the returned handle is
   * closed.
   */
  public AutoCloseable scheduleRenewals(Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("renewal interval must be positive");
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mpp-tempo-renewals");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            RenewalRun run = renewDue();
            if (run.renewed() + run.failed() + run.ended() > 0) {
              LOG.log(System.Logger.Level.INFO, "subscription renewals: {0}", run);
            }
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "renewal job failed: {0}", e.getClass().getName());
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return scheduler::shutdownNow;
  }
}
