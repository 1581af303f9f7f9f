package io.mpp4j.servlet;

import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;

/** A memory store that can be switched off to simulate an outage. */
final class SwitchableStore implements Store {
  private final Store delegate = new MemoryStore();
  volatile boolean down;

  private void check() {
    if (down) {
      throw new StoreUnavailableException("store is down (test)");
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
