package io.mpp4j.evm;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (not NIST SHA3-256). */
final class Keccak {
  private Keccak() {}

  static byte[] hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  static byte[] hash(String utf8) {
    return hash(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** The 4-byte selector of a function signature such as {@code getNonce(address,uint256)}. */
  static byte[] selector(String signature) {
    return java.util.Arrays.copyOf(hash(signature), 4);
  }
}
