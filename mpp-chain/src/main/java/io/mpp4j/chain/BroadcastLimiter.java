package io.mpp4j.chain;

import io.mpp4j.core.PaymentExceptions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the broadcasts waiting for their receipt, in total and per payer, so that transactions
 * that confirm slowly (or never) cannot take every request thread: beyond the bound a payment is
 * refused at once with 503 and nothing is claimed, and the client retries (draft-httpauth-payment
 * section on server errors: an outage is never a verification failure).
 */
public final class BroadcastLimiter {
  private final Semaphore total;
  private final int perPayer;
  private final ConcurrentHashMap<String, AtomicInteger> payers = new ConcurrentHashMap<>();

  /** At most {@code total} broadcasts waiting at once, {@code perPayer} of them for one payer. */
  public BroadcastLimiter(int total, int perPayer) {
    this.total = new Semaphore(total);
    this.perPayer = perPayer;
  }

  /** A permit to broadcast for {@code payer}; close it when the receipt arrived or not. */
  public Permit acquire(String payer) {
    AtomicInteger count = payers.computeIfAbsent(payer, p -> new AtomicInteger());
    if (count.incrementAndGet() > perPayer) {
      release(payer, count);
      throw new PaymentExceptions.ServiceUnavailable(
          "Too many payments from this payer are being confirmed; retry shortly.", null);
    }
    if (!total.tryAcquire()) {
      release(payer, count);
      throw new PaymentExceptions.ServiceUnavailable(
          "Too many payments are being confirmed; retry shortly.", null);
    }
    return () -> {
      total.release();
      release(payer, count);
    };
  }

  private void release(String payer, AtomicInteger count) {
    if (count.decrementAndGet() <= 0) {
      payers.remove(payer, count);
    }
  }

  /** A held broadcast slot. */
  public interface Permit extends AutoCloseable {
    /** Releases the slot; never throws. */
    @Override
    void close();
  }
}
