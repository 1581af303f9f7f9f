package io.mpp4j.chain;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Strict {@code 0x} hex for byte strings, addresses and 32-byte words, and the JSON-RPC quantity
 * encoding (Ethereum JSON-RPC specification, "hex value encoding").
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lowercase {@code 0x}-prefixed hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes {@code 0x}-prefixed hex with an even number of digits.
   *
   * @throws IllegalArgumentException when the text is not such hex
   */
  public static byte[] decode(String text) {
    if (text == null || !text.startsWith("0x") && !text.startsWith("0X")) {
      throw new IllegalArgumentException("hex must start with 0x");
    }
    int digits = text.length() - 2;
    if (digits % 2 != 0) {
      throw new IllegalArgumentException("hex must have an even number of digits");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(text.charAt(2 + 2 * i));
      int lo = digit(text.charAt(3 + 2 * i));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("hex has a non-hex digit");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Whether {@code text} is {@code 0x}- or {@code 0X}-prefixed hex of exactly {@code length} bytes,
   * what {@link #decode(String, int)} accepts, checked without decoding.
   */
  public static boolean isHex(String text, int length) {
    if (text == null
        || text.length() != 2 + 2 * length
        || !text.startsWith("0x") && !text.startsWith("0X")) {
      return false;
    }
    for (int i = 2; i < text.length(); i++) {
      if (digit(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The value of an ASCII hex digit, or -1 ({@link Character#digit} also takes other scripts). */
  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Decodes exactly {@code length} bytes of hex. */
  public static byte[] decode(String text, int length) {
    byte[] bytes = decode(text);
    if (bytes.length != length) {
      throw new IllegalArgumentException("expected " + length + " bytes of hex");
    }
    return bytes;
  }

  /**
   * An address in its normal form: lowercase, {@code 0x}, 40 digits (addresses compare by value, so
   * EIP-55 checksums are accepted but not required).
   */
  public static String address(String text) {
    return encode(decode(text, 20));
  }

  /** {@code text} unchanged when it is a 20-byte address; refused otherwise. */
  public static String checkedAddress(String text) {
    if (!isAddress(text)) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    return text;
  }

  /** Whether {@code text} is a well-formed address. */
  public static boolean isAddress(String text) {
    try {
      address(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code address} is the zero address. */
  public static boolean isZeroAddress(String address) {
    return address == null || address.matches("0[xX]0{40}");
  }

  /** A 32-byte word (e.g. a hash or memo) in lowercase. */
  public static String word(String text) {
    return encode(decode(text, 32));
  }

  /** An unsigned quantity from JSON-RPC ({@code 0x1a}, no leading zeros required). */
  public static BigInteger quantity(String text) {
    if (text == null || !text.toLowerCase(Locale.ROOT).startsWith("0x") || text.length() < 3) {
      throw new IllegalArgumentException("quantity must be 0x-prefixed hex");
    }
    for (int i = 2; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("quantity has a non-hex digit");
      }
    }
    if (text.length() > 66) {
      throw new IllegalArgumentException("quantity is larger than 256 bits");
    }
    return new BigInteger(text.substring(2), 16);
  }

  /** {@code value} as an unsigned big-endian word of {@code length} bytes. */
  public static byte[] unsigned(BigInteger value, int length) {
    if (value.signum() < 0 || value.bitLength() > length * 8) {
      throw new IllegalArgumentException("value does not fit in " + length + " bytes");
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  /** Minimal big-endian bytes of a non-negative integer (empty for zero), as RLP wants them. */
  public static byte[] minimal(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative integer");
    }
    if (value.signum() == 0) {
      return new byte[0];
    }
    byte[] raw = value.toByteArray();
    if (raw[0] == 0) {
      byte[] out = new byte[raw.length - 1];
      System.arraycopy(raw, 1, out, 0, out.length);
      return out;
    }
    return raw;
  }

  /** {@code bytes} as an unsigned big-endian integer. */
  public static BigInteger toUnsigned(byte[] bytes) {
    return new BigInteger(1, bytes);
  }
}
