package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import java.util.Arrays;

/**
 * The challenge-bound attribution memo the reference client puts on its primary transfer when a
 * challenge names no memo (protocol notes 2.6(b); mppx {@code Attribution}): {@code
 * keccak256("mpp")[0..4] || 0x01 || keccak256(realm)[0..10] || keccak256(clientId)[0..10] or zeros
 * || keccak256(challengeId)[0..7]}. A server checks the tag, version, realm fingerprint and
 * challenge nonce, which binds an on-chain transfer to one challenge of one server.
 */
final class Attribution {
  private static final byte[] TAG = Arrays.copyOf(Keccak.hash("mpp"), 4);
  private static final byte VERSION = 0x01;

  private Attribution() {}

  /** The memo for a challenge, as a lowercase bytes32 (client id null for anonymous). */
  static String encode(String realm, String clientId, String challengeId) {
    byte[] memo = new byte[32];
    System.arraycopy(TAG, 0, memo, 0, 4);
    memo[4] = VERSION;
    System.arraycopy(Keccak.hash(realm), 0, memo, 5, 10);
    if (clientId != null) {
      System.arraycopy(Keccak.hash(clientId), 0, memo, 15, 10);
    }
    System.arraycopy(Keccak.hash(challengeId), 0, memo, 25, 7);
    return Hex.encode(memo);
  }

  /** Whether {@code memo} is an attribution memo for this realm and challenge (any client id). */
  static boolean isBound(String memo, String realm, String challengeId) {
    byte[] bytes;
    try {
      bytes = Hex.decode(memo, 32);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return Arrays.equals(bytes, 0, 4, TAG, 0, 4)
        && bytes[4] == VERSION
        && Arrays.equals(bytes, 5, 15, Keccak.hash(realm), 0, 10)
        && Arrays.equals(bytes, 25, 32, Keccak.hash(challengeId), 0, 7);
  }
}
