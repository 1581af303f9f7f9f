package io.mpp4j.tempo;

import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.event.PaymentEvent.SubscriptionChange;
import io.mpp4j.tempo.SubscriptionCharger.Outcome;
import io.mpp4j.tempo.SubscriptionStore.Versioned;
import io.mpp4j.tempo.TempoSubscription.Status;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Decides whether a subscription covers now, and charges the period when it does not
 * (draft-tempo-subscription-00 §"Billing Anchor and Subscription State", §"Renewal"): the period
 * comes from chain time; a period already charged is served; otherwise the access key's state and
 * the payer's balance are checked, the attempt is recorded in flight by compare-and-set before its
 * transaction is sent (so two instances never send for one period), and the period is marked
 * charged only after the transaction settled. Missed periods never accumulate: only the current one
 * is charged. A charge in flight whose outcome is unknown is resolved from its receipt, or failed
 * once it can no longer be mined. Used by requests (which may wait for a charge another instance is
 * sending) and by the renewal job.
 */
final class SubscriptionRenewals {
  private static final long POLL_MILLIS = 250;

  private final SubscriptionContext ctx;

  SubscriptionRenewals(SubscriptionContext ctx) {
    this.ctx = ctx;
  }

  /** What a subscription allows now. */
  sealed interface Access {}

  /**
   * Paid for now (or within grace): serve under {@code record}'s last charge; {@code renewed} when
   * this call charged the period.
   */
  record Granted(SubscriptionRecord record, boolean renewed) implements Access {
    Granted(SubscriptionRecord record) {
      this(record, false);
    }
  }

  /** The current period is unpaid and its charge failed. */
  record Refused(String reason) implements Access {}

  /** A charge is being confirmed (here or on another instance) and did not settle in time. */
  record Busy() implements Access {}

  /** Not live: ended, or never activated. */
  record Ended(SubscriptionRecord record) implements Access {}

  /**
   * What subscription {@code id} allows now, charging the current period if it is due.
   *
   * @param wait whether to wait (up to the configured renewal wait) for a charge in flight
   * @throws PaymentExceptions.ServiceUnavailable when the chain or the store cannot be asked
   */
  Access access(String id, boolean wait) {
    long deadline = System.nanoTime() + ctx.settings.renewalWait().toNanos();
    boolean attempted = false;
    boolean renewed = false;
    while (true) {
      Optional<Versioned> read = ctx.store().get(id);
      if (read.isEmpty()) {
        return new Ended(null);
      }
      Versioned v = read.get();
      SubscriptionRecord r = v.record();
      if (!r.status().live()) {
        return new Ended(r);
      }
      long now = now();
      if (r.inFlight() != null) {
        if (resolve(r)) {
          continue;
        }
        if (r.status() != Status.ACTIVATING && inGrace(r, r.periodAt(now), now)) {
          return new Granted(r);
        }
        if (wait && System.nanoTime() < deadline) {
          pause();
          continue;
        }
        return new Busy();
      }
      if (r.status() == Status.ACTIVATING) {
        end(r, Status.FAILED, SubscriptionChange.ENDED, "activation lost");
        continue;
      }
      if (now >= r.expires()) {
        end(r, Status.EXPIRED, SubscriptionChange.ENDED, "subscriptionExpires passed");
        continue;
      }
      long period = r.periodAt(now);
      if (period <= r.lastCharged()) {
        return new Granted(r, renewed);
      }
      if (r.cancelAt() != 0) {
        end(r, Status.CANCELED, SubscriptionChange.ENDED, "cancellation took effect");
        continue;
      }
      SubscriptionRecord.Failure failure = r.failure();
      if (failure != null
          && failure.period() == period
          && (attempted || now - failure.at() < ctx.settings.retryInterval().toSeconds())) {
        return inGrace(r, period, now) ? new Granted(r) : new Refused(failure.reason());
      }
      Attempt attempt = renew(v, period);
      attempted |= attempt != Attempt.NONE;
      renewed |= attempt == Attempt.CHARGED;
    }
  }

  /** Whether an unpaid {@code period} right after a paid one is still within grace. */
  boolean inGrace(SubscriptionRecord r, long period, long now) {
    long grace = ctx.settings.gracePeriod().toSeconds();
    return grace > 0 && period == r.lastCharged() + 1 && now < r.periodStart(period) + grace;
  }

  /** How far a renewal attempt got. */
  private enum Attempt {
    /** Nothing recorded (another writer, or the period has not started on chain). */
    NONE,
    /** An outcome was recorded: failed, pending, or the subscription ended. */
    RECORDED,
    /** This call charged the period. */
    CHARGED
  }

  /** Tries to charge {@code period}. */
  private Attempt renew(Versioned v, long period) {
    SubscriptionRecord r = v.record();
    long now = now();
    SubscriptionChain.KeyState key;
    BigInteger balance;
    try {
      key = ctx.chain.key(r.payer(), r.accessKey());
      balance = key.usable(now) ? ctx.chain.balance(r.currency(), r.payer()) : BigInteger.ZERO;
    } catch (RpcException e) {
      throw unavailable(e);
    }
    if (!key.usable(now)) {
      boolean expired = key.present() && !key.revoked();
      String reason = expired ? "the access key expired" : "the payer revoked the access key";
      if (end(
          r,
          expired ? Status.EXPIRED : Status.REVOKED,
          expired ? SubscriptionChange.ENDED : SubscriptionChange.REVOKED,
          reason)) {
        ctx.journal.failed(r, period, r.attempts() + 1, null, reason, false);
      }
      return Attempt.RECORDED;
    }
    if (balance.compareTo(r.amount()) < 0) {
      fail(r, period, now, "the payer's balance does not cover the period");
      return Attempt.RECORDED;
    }
    try (BroadcastLimiter.Permit permit = ctx.charger.permit(r.payer())) {
      int attempt = r.attempts() + 1;
      String memo = ctx.memo(r, period, attempt);
      SubscriptionCharger.Charge charge;
      try {
        charge = ctx.charger.sign(r, ctx.keys.open(r.sealedKey(), r.id()), null, memo);
      } catch (RpcException e) {
        throw unavailable(e);
      }
      if (r.periodAt(now()) < period) {
        return Attempt.NONE; // the chain has not reached the period yet
      }
      SubscriptionRecord sending = r.sending(period, charge.hash(), charge.validBefore());
      if (!ctx.store().replace(v, sending)) {
        return Attempt.NONE;
      }
      ctx.journal.sending(sending, period, attempt, charge.hash());
      boolean charged =
          apply(sending, period, attempt, charge.hash(), ctx.charger.send(sending, charge));
      return charged ? Attempt.CHARGED : Attempt.RECORDED;
    }
  }

  /** Resolves the charge in flight from the chain; true when the record changed. */
  boolean resolve(SubscriptionRecord r) {
    SubscriptionRecord.InFlight flight = r.inFlight();
    Outcome outcome;
    try {
      outcome = ctx.charger.resolve(r, flight, ctx.memo(r, flight.period(), flight.attempt()));
    } catch (RpcException e) {
      return false;
    }
    if (outcome instanceof SubscriptionCharger.Pending) {
      return false;
    }
    apply(r, flight.period(), flight.attempt(), flight.hash(), outcome);
    return true;
  }

  /**
   * Records how a charge ended; the instance whose write sticks journals it. Returns whether this
   * call recorded the period as charged.
   */
  boolean apply(SubscriptionRecord r, long period, int attempt, String hash, Outcome outcome) {
    if (outcome instanceof SubscriptionCharger.Settled settled) {
      long at = settled.blockTime();
      Optional<Versioned[]> changed =
          ctx.store().update(r.id(), c -> inFlight(c, hash) ? c.charged(period, hash, at, at) : c);
      if (changed(changed)) {
        ctx.journal.settled(changed.get()[1].record(), period, attempt, hash, at);
        return true;
      }
    } else if (outcome instanceof SubscriptionCharger.Failed failed) {
      long now = now();
      Optional<Versioned[]> changed =
          ctx.store()
              .update(
                  r.id(),
                  c -> inFlight(c, hash) ? c.failed(period, now, failed.reason(), true) : c);
      if (changed(changed)) {
        ctx.journal.failed(r, period, attempt, hash, failed.reason(), true);
      }
    } else {
      ctx.journal.pending(r, period, hash);
    }
    return false;
  }

  private void fail(SubscriptionRecord r, long period, long now, String reason) {
    Optional<Versioned[]> changed =
        ctx.store()
            .update(
                r.id(),
                c ->
                    c.inFlight() == null && c.status().live()
                        ? c.failed(period, now, reason, false)
                        : c);
    if (changed(changed)) {
      SubscriptionRecord after = changed.get()[1].record();
      ctx.journal.failed(after, period, after.attempts(), null, reason, false);
    }
  }

  /** Ends a live subscription (not while a charge is in flight); true when this call ended it. */
  boolean end(SubscriptionRecord r, Status status, SubscriptionChange change, String detail) {
    Optional<Versioned[]> changed =
        ctx.store()
            .update(r.id(), c -> c.status().live() && c.inFlight() == null ? c.with(status) : c);
    if (changed(changed)) {
      ctx.store().unindex(r.id());
      ctx.journal.ended(changed.get()[1].record(), change, detail);
      return true;
    }
    return false;
  }

  long now() {
    try {
      return ctx.chain.now();
    } catch (RpcException e) {
      throw unavailable(e);
    }
  }

  private static boolean inFlight(SubscriptionRecord r, String hash) {
    return r.inFlight() != null && r.inFlight().hash().equals(hash);
  }

  private static boolean changed(Optional<Versioned[]> change) {
    return change.isPresent() && change.get()[0] != change.get()[1];
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaymentExceptions.ServiceUnavailable("Interrupted; retry.", e);
    }
  }

  static PaymentExceptions.ServiceUnavailable unavailable(RpcException e) {
    return new PaymentExceptions.ServiceUnavailable(
        "The Tempo network could not be reached; retry later.", e);
  }
}
