package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** The few Solidity ABI forms the session escrows use: static words, one trailing {@code bytes}. */
final class Abi {
  private Abi() {}

  /** The 4-byte selector of a canonical function signature. */
  static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak.hash(signature), 4);
  }

  static String selectorHex(String signature) {
    return Hex.encode(selector(signature));
  }

  static byte[] address(String address) {
    byte[] word = new byte[32];
    System.arraycopy(Hex.decode(address, 20), 0, word, 12, 20);
    return word;
  }

  static byte[] uint(BigInteger value) {
    return Hex.unsigned(value, 32);
  }

  static byte[] bytes32(String hex) {
    return Hex.decode(hex, 32);
  }

  /** {@code abi.encode} of static words. */
  static byte[] words(byte[]... words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(words.length * 32);
    for (byte[] word : words) {
      if (word.length != 32) {
        throw new IllegalArgumentException("an ABI word is 32 bytes");
      }
      out.writeBytes(word);
    }
    return out.toByteArray();
  }

  /** Calldata: selector, static head words, then one dynamic {@code bytes} argument last. */
  static byte[] callWithBytes(byte[] selector, byte[] tail, byte[]... head) {
    int headWords = head.length + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(selector);
    for (byte[] word : head) {
      out.writeBytes(word);
    }
    out.writeBytes(uint(BigInteger.valueOf(headWords * 32L)));
    out.writeBytes(uint(BigInteger.valueOf(tail.length)));
    out.writeBytes(tail);
    int pad = (32 - tail.length % 32) % 32;
    out.writeBytes(new byte[pad]);
    return out.toByteArray();
  }

  /** Calldata of static words only. */
  static byte[] call(byte[] selector, byte[]... words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(selector);
    out.writeBytes(words(words));
    return out.toByteArray();
  }

  /** Word {@code index} of {@code data} after {@code offset} bytes. */
  static byte[] word(byte[] data, int offset, int index) {
    int from = offset + index * 32;
    if (from + 32 > data.length) {
      throw new IllegalArgumentException("ABI data too short");
    }
    return Arrays.copyOfRange(data, from, from + 32);
  }

  static BigInteger uintAt(byte[] data, int offset, int index) {
    return new BigInteger(1, word(data, offset, index));
  }

  /** A clean address word (12 zero bytes first), or empty. */
  static Optional<String> addressAt(byte[] data, int offset, int index) {
    byte[] word = word(data, offset, index);
    for (int i = 0; i < 12; i++) {
      if (word[i] != 0) {
        return Optional.empty();
      }
    }
    return Optional.of(Hex.encode(Arrays.copyOfRange(word, 12, 32)));
  }

  static boolean startsWith(byte[] data, byte[] selector) {
    if (data.length < selector.length) {
      return false;
    }
    for (int i = 0; i < selector.length; i++) {
      if (data[i] != selector[i]) {
        return false;
      }
    }
    return true;
  }
}
