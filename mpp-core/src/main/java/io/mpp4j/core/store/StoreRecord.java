package io.mpp4j.core.store;

import java.util.Objects;

/**
 * A versioned value held by a {@link Store}.
 *
 * @param value the stored bytes (copied)
 * @param version starts at 1 and grows by one per successful write
 */
public record StoreRecord(byte[] value, long version) {
  public StoreRecord {
    value = Objects.requireNonNull(value, "value").clone();
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }

  @Override
  public byte[] value() {
    return value.clone();
  }
}
