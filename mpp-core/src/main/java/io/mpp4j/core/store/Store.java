package io.mpp4j.core.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Shared state that keeps payments single-use across every instance of a server: atomic claims for
 * replay keys (challenge ids, transaction hashes, payment tokens) and versioned records for
 * idempotent responses and session state.
 *
 * <p>Implementations throw {@link StoreUnavailableException} when the backing service cannot be
 * reached or does not answer in time; callers fail closed on it. Keys are opaque strings chosen by
 * the SDK; implementations may prefix them.
 */
public interface Store {

  /**
   * Atomically claims {@code key} for {@code ttl}: returns true for exactly one caller until the
   * claim expires or is released, false for every other.
   */
  boolean claim(String key, Duration ttl);

  /** Releases a claim whose payment never settled, so the client can retry. */
  void release(String key);

  /** The record stored under {@code key}, if any and not expired. */
  Optional<StoreRecord> get(String key);

  /**
   * Writes {@code value} under {@code key} if the stored version is {@code expectedVersion} ({@code
   * 0} meaning absent); the new record has version {@code expectedVersion + 1}.
   *
   * @return false, writing nothing, when another writer got there first
   */
  boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl);

  /** Removes the record under {@code key}, if any. */
  void delete(String key);
}
