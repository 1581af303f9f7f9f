package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import java.math.BigInteger;

/** Calldata of the AccountKeychain precompile calls a payer makes with its root key, for tests. */
final class Keychain {
  private Keychain() {}

  static byte[] revokeKey(String keyId) {
    return call("revokeKey(address)", word(keyId));
  }

  static byte[] updateSpendingLimit(String keyId, String token, BigInteger limit) {
    return call(
        "updateSpendingLimit(address,address,uint256)",
        word(keyId),
        word(token),
        Hex.unsigned(limit, 32));
  }

  private static byte[] word(String address) {
    byte[] out = new byte[32];
    System.arraycopy(Hex.decode(address, 20), 0, out, 12, 20);
    return out;
  }

  private static byte[] call(String signature, byte[]... words) {
    byte[] out = new byte[4 + 32 * words.length];
    System.arraycopy(Keccak.selector(signature), 0, out, 0, 4);
    for (int i = 0; i < words.length; i++) {
      System.arraycopy(words[i], 0, out, 4 + 32 * i, 32);
    }
    return out;
  }
}
