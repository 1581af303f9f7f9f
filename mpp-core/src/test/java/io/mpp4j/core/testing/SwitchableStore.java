package io.mpp4j.core.testing;

import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;

/** A memory store that can be switched off, like a store server going down (for tests). */
public final class SwitchableStore implements Store {
  private final MemoryStore delegate = new MemoryStore();
  private volatile boolean down;

  /** Makes every call fail with {@link StoreUnavailableException} until switched back. */
  public void down(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("store is down");
    }
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    check();
    return delegate.claim(key, ttl);
  }

  @Override
  public void release(String key) {
    check();
    delegate.release(key);
  }

  @Override
  public Optional<StoreRecord> get(String key) {
    check();
    return delegate.get(key);
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value, Duration ttl) {
    check();
    return delegate.compareAndSet(key, expectedVersion, value, ttl);
  }

  @Override
  public void delete(String key) {
    check();
    delegate.delete(key);
  }
}
