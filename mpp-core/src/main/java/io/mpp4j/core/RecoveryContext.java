package io.mpp4j.core;

import io.mpp4j.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link IntentHandler} has when it recovers a {@link PendingPayment}: the engine's store
 * (to release replay keys of a payment that failed) and clock.
 *
 * @param store the engine's store
 * @param clock the engine's clock
 * @since 0.2.0
 */
public record RecoveryContext(Store store, Clock clock) {
  public RecoveryContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
  }

  public Instant now() {
    return clock.instant();
  }
}
