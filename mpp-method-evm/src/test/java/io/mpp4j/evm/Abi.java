package io.mpp4j.evm;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Just enough Solidity ABI encoding for the test chain's contract calls. */
final class Abi {
  private Abi() {}

  /** One argument: a static word, or dynamic bytes with their own encoding. */
  record Arg(byte[] head, byte[] tail) {}

  static Arg address(String address) {
    return new Arg(Eip3009.addressWord(address), null);
  }

  static Arg uint(BigInteger value) {
    return new Arg(Eip3009.word(value), null);
  }

  static Arg uint(long value) {
    return uint(BigInteger.valueOf(value));
  }

  static Arg string(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int padded = (bytes.length + 31) / 32 * 32;
    byte[] tail = new byte[32 + padded];
    System.arraycopy(Eip3009.word(BigInteger.valueOf(bytes.length)), 0, tail, 0, 32);
    System.arraycopy(bytes, 0, tail, 32, bytes.length);
    return new Arg(null, tail);
  }

  static Arg addresses(List<String> addresses) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Eip3009.word(BigInteger.valueOf(addresses.size())));
    addresses.forEach(a -> out.writeBytes(Eip3009.addressWord(a)));
    return new Arg(null, out.toByteArray());
  }

  /** The calldata of {@code signature} with {@code args}: selector, heads, then tails. */
  static String call(String signature, Arg... args) {
    ByteArrayOutputStream heads = new ByteArrayOutputStream();
    ByteArrayOutputStream tails = new ByteArrayOutputStream();
    int offset = 32 * args.length;
    for (Arg arg : args) {
      if (arg.head() != null) {
        heads.writeBytes(arg.head());
      } else {
        heads.writeBytes(Eip3009.word(BigInteger.valueOf(offset + tails.size())));
        tails.writeBytes(arg.tail());
      }
    }
    return Hex.encode(
        Eip3009.concat(Keccak.selector(signature), heads.toByteArray(), tails.toByteArray()));
  }
}
