package io.mpp4j.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum and Tempo use it (Ethereum yellow paper; not NIST SHA3-256). */
public final class Keccak {
  private Keccak() {}

  /** The 32-byte Keccak-256 digest of the concatenation of {@code parts}. */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** The Keccak-256 digest of {@code utf8} encoded as UTF-8. */
  public static byte[] hash(String utf8) {
    return hash(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** The 4-byte selector of a function signature such as {@code getNonce(address,uint256)}. */
  public static byte[] selector(String signature) {
    return java.util.Arrays.copyOf(hash(signature), 4);
  }
}
