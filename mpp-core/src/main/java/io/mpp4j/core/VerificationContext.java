package io.mpp4j.core;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a payment method needs to verify one credential: the request the route charges, the
 * challenge's expiry, the shared store for the method's own replay keys, and the clock.
 *
 * @param request the request this route charges now (equal to the echoed one)
 * @param realm the server's realm
 * @param expires when the challenge expires
 * @param store shared replay store
 * @param clock the engine's clock
 */
public record VerificationContext(
    ChargeRequest request, String realm, Instant expires, Store store, Clock clock) {

  /** How long a method's replay key is remembered unless it says otherwise. */
  public static final Duration DEFAULT_REPLAY_TTL = Duration.ofDays(7);

  public VerificationContext {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Claims a method replay key (normalise it first: lowercase hex, no whitespace), or refuses the
   * payment as a replay.
   *
   * @throws PaymentExceptions.VerificationFailed when the key was already claimed
   * @throws PaymentExceptions.ServiceUnavailable when the store cannot be reached
   */
  public void claimOrReject(String namespace, String key, Duration ttl) {
    boolean claimed;
    try {
      claimed = store.claim(namespace + ":" + key, ttl);
    } catch (StoreUnavailableException e) {
      throw new PaymentExceptions.ServiceUnavailable("payment store unavailable", e);
    }
    if (!claimed) {
      throw new PaymentExceptions.VerificationFailed("this payment has already been used");
    }
  }

  /** Releases a replay key claimed by {@link #claimOrReject} when nothing was settled. */
  public void release(String namespace, String key) {
    try {
      store.release(namespace + ":" + key);
    } catch (StoreUnavailableException e) {
      // the claim expires by itself; the client may retry after its TTL
    }
  }

  public Instant now() {
    return clock.instant();
  }
}
