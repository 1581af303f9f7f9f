package io.mpp4j.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Key material that never shows itself: {@code toString()} is redacted and equality is
 * constant-time. Challenge-binding secrets must hold at least {@link #MIN_HMAC_BYTES} bytes
 * (draft-httpauth-payment-00 §5.1.1, conformance {@code error_weak_secret_key}).
 */
public final class Secret {
  /** Shortest HMAC key accepted when a server is built. */
  public static final int MIN_HMAC_BYTES = 32;

  private final byte[] bytes;
  private final boolean weakAllowed;

  private Secret(byte[] bytes, boolean weakAllowed) {
    this.bytes = bytes;
    this.weakAllowed = weakAllowed;
  }

  /** A secret from the UTF-8 bytes of {@code value} (how other SDKs key their HMAC). */
  public static Secret of(String value) {
    return new Secret(
        Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8), false);
  }

  public static Secret ofBytes(byte[] value) {
    return new Secret(Objects.requireNonNull(value, "value").clone(), false);
  }

  /**
   * INSECURE: a challenge-binding key of any length, accepted by {@link ChallengeBinding} even
   * under {@link #MIN_HMAC_BYTES} bytes. It exists only so that cross-SDK test vectors, which use
   * short keys, can run through the real engine; no configuration path of this SDK creates one.
   * Never use it for a server that takes payments.
   */
  public static Secret insecureWeakKeyForTestVectorsOnly(String value) {
    return new Secret(
        Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8), true);
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  boolean isAcceptedHmacKey() {
    return bytes.length >= MIN_HMAC_BYTES || weakAllowed && bytes.length > 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new byte[] {(byte) bytes.length});
  }

  @Override
  public String toString() {
    return "Secret[REDACTED]";
  }
}
