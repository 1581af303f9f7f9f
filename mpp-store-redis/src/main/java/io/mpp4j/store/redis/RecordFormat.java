package io.mpp4j.store.redis;

import io.mpp4j.core.store.StoreRecord;
import io.mpp4j.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value of a record key: the decimal version, a colon, then the raw bytes. A bare claim is the
 * empty string and reads as version 1 with no bytes, as a claim does in every store.
 */
final class RecordFormat {
  static final byte[] CLAIM = new byte[0];
  private static final byte SEPARATOR = ':';

  private RecordFormat() {}

  static byte[] encode(long version, byte[] value) {
    byte[] prefix = (version + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(prefix, prefix.length + value.length);
    System.arraycopy(value, 0, out, prefix.length, value.length);
    return out;
  }

  static StoreRecord decode(byte[] stored) {
    if (stored.length == 0) {
      return new StoreRecord(CLAIM, 1);
    }
    int sep = indexOf(stored);
    try {
      long version = Long.parseLong(new String(stored, 0, sep, StandardCharsets.US_ASCII));
      return new StoreRecord(Arrays.copyOfRange(stored, sep + 1, stored.length), version);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new StoreUnavailableException("redis key does not hold an mpp4j record", e);
    }
  }

  private static int indexOf(byte[] stored) {
    for (int i = 0; i < stored.length && i < 20; i++) {
      if (stored[i] == SEPARATOR) {
        return i;
      }
    }
    return -1;
  }
}
