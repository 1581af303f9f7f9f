package io.mpp4j.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recursive Length Prefix encoding (Ethereum yellow paper, appendix B). The decoder is strict: it
 * accepts only the canonical encoding, so that decoding and re-encoding give the same bytes and two
 * encodings of one transaction cannot have different hashes.
 */
public final class Rlp {
  /** Deepest list nesting accepted (a Tempo transaction needs 4). */
  public static final int MAX_DEPTH = 8;

  private Rlp() {}

  /** An RLP item: a byte string or a list. */
  public sealed interface Item permits Bytes, Items {}

  /** A byte string. */
  public record Bytes(byte[] value) implements Item {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** The number of bytes. */
    public int length() {
      return value.length;
    }

    /** Whether the string is empty (RLP {@code 0x80}). */
    public boolean isEmpty() {
      return value.length == 0;
    }

    /** The value as a canonical unsigned integer (no leading zero bytes). */
    public BigInteger asInteger() {
      if (value.length > 0 && value[0] == 0) {
        throw new RlpException("integer has leading zero bytes");
      }
      if (value.length > 32) {
        throw new RlpException("integer larger than 256 bits");
      }
      return new BigInteger(1, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return Hex.encode(value);
    }
  }

  /** A list of items. */
  public record Items(List<Item> items) implements Item {
    public Items {
      items = List.copyOf(items);
    }

    /** The number of items. */
    public int size() {
      return items.size();
    }

    /** The item at {@code index}. */
    public Item get(int index) {
      return items.get(index);
    }
  }

  /** A byte string item. */
  public static Bytes bytes(byte[] value) {
    return new Bytes(value);
  }

  /** A non-negative integer item: its minimal big-endian bytes (empty for zero). */
  public static Bytes integer(BigInteger value) {
    return new Bytes(Hex.minimal(value));
  }

  /** A non-negative integer item. */
  public static Bytes integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  /** A list item of {@code items}. */
  public static Items list(Item... items) {
    return new Items(List.of(items));
  }

  /** A list item of {@code items}, copied. */
  public static Items list(List<? extends Item> items) {
    return new Items(new ArrayList<>(items));
  }

  /** The canonical encoding of {@code item}. */
  public static byte[] encode(Item item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, item);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Item item) {
    if (item instanceof Bytes b) {
      byte[] value = b.value;
      if (value.length == 1 && (value[0] & 0xff) < 0x80) {
        out.write(value[0]);
        return;
      }
      header(out, 0x80, value.length);
      out.writeBytes(value);
    } else {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (Item child : ((Items) item).items) {
        write(body, child);
      }
      header(out, 0xc0, body.size());
      out.writeBytes(body.toByteArray());
    }
  }

  private static void header(ByteArrayOutputStream out, int offset, int length) {
    if (length <= 55) {
      out.write(offset + length);
      return;
    }
    byte[] len = Hex.minimal(BigInteger.valueOf(length));
    out.write(offset + 55 + len.length);
    out.writeBytes(len);
  }

  /**
   * Decodes exactly one item spanning all of {@code input}.
   *
   * @throws RlpException when the input is not one canonical RLP item
   */
  public static Item decode(byte[] input) {
    int[] pos = {0};
    Item item = read(input, pos, input.length, 0);
    if (pos[0] != input.length) {
      throw new RlpException("trailing bytes after RLP item");
    }
    return item;
  }

  private static Item read(byte[] in, int[] pos, int end, int depth) {
    if (pos[0] >= end) {
      throw new RlpException("unexpected end of RLP input");
    }
    int prefix = in[pos[0]] & 0xff;
    if (prefix < 0x80) {
      pos[0]++;
      return new Bytes(new byte[] {(byte) prefix});
    }
    boolean isList = prefix >= 0xc0;
    int base = isList ? 0xc0 : 0x80;
    int length;
    int start;
    if (prefix - base <= 55) {
      length = prefix - base;
      start = pos[0] + 1;
    } else {
      int lenOfLen = prefix - base - 55;
      if (lenOfLen > 4 || pos[0] + 1 + lenOfLen > end) {
        throw new RlpException("RLP length out of range");
      }
      if (in[pos[0] + 1] == 0) {
        throw new RlpException("RLP length has leading zeros");
      }
      long value = 0;
      for (int i = 0; i < lenOfLen; i++) {
        value = (value << 8) | (in[pos[0] + 1 + i] & 0xff);
      }
      if (value <= 55) {
        throw new RlpException("RLP long form used for a short item");
      }
      if (value > Integer.MAX_VALUE) {
        throw new RlpException("RLP length out of range");
      }
      length = (int) value;
      start = pos[0] + 1 + lenOfLen;
    }
    if ((long) start + length > end) {
      throw new RlpException("RLP item runs past its container");
    }
    pos[0] = start + length;
    if (!isList) {
      if (length == 1 && (in[start] & 0xff) < 0x80) {
        throw new RlpException("single byte below 0x80 must encode itself");
      }
      return new Bytes(Arrays.copyOfRange(in, start, start + length));
    }
    if (depth >= MAX_DEPTH) {
      throw new RlpException("RLP nesting too deep");
    }
    List<Item> items = new ArrayList<>();
    int[] inner = {start};
    while (inner[0] < start + length) {
      items.add(read(in, inner, start + length, depth + 1));
    }
    return new Items(items);
  }

  /** The input is not canonical RLP, or an item has the wrong shape. */
  public static final class RlpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A refusal of an encoding a method module found malformed, in its own words. */
    public RlpException(String message) {
      super(message, null, false, false);
    }
  }
}
