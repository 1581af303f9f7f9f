package io.mpp4j.core;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;

/**
 * Single-use keys of payments themselves (transaction hashes, payment tokens), claimed in a {@link
 * Store} before a payment is settled so that one payment never pays two challenges, on any instance
 * (draft-httpauth-payment-00 §11.3). Normalise a key first (lowercase hex, no whitespace).
 *
 * @since 0.2.0
 */
public final class ReplayClaims {
  private ReplayClaims() {}

  /**
   * Claims {@code namespace:key} for {@code ttl}, or refuses the payment as a replay.
   *
   * @throws PaymentExceptions.VerificationFailed when the key was already claimed
   * @throws PaymentExceptions.ServiceUnavailable when the store cannot be reached
   */
  public static void claimOrReject(Store store, String namespace, String key, Duration ttl) {
    boolean claimed;
    try {
      claimed = store.claim(namespace + ":" + key, ttl);
    } catch (StoreUnavailableException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "Payment store is unavailable; retry later.", e);
    }
    if (!claimed) {
      throw new PaymentExceptions.VerificationFailed("This payment has already been used.");
    }
  }

  /** Releases a key whose payment never reached the network; a failed release expires by itself. */
  public static void release(Store store, String namespace, String key) {
    try {
      store.release(namespace + ":" + key);
    } catch (StoreUnavailableException e) {
      // the claim expires by itself; the client may retry after its TTL
    }
  }
}
