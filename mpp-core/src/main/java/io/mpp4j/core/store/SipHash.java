package io.mpp4j.core.store;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) with a 64-bit output: a keyed pseudorandom function of
 * a byte string. {@link ClaimTable} names each claim by two of these under independent random keys,
 * so that nobody without the keys can choose two claim keys that share a name.
 */
final class SipHash {
  private final long k0;
  private final long k1;

  SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  long hash(byte[] data) {
    State s = new State(k0, k1);
    int length = data.length;
    int whole = length & ~7;
    for (int i = 0; i < whole; i += 8) {
      s.absorb(littleEndian(data, i, 8));
    }
    s.absorb(((long) length << 56) | littleEndian(data, whole, length - whole));
    s.v2 ^= 0xff;
    s.rounds(4);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
  }

  private static long littleEndian(byte[] data, int offset, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = (value << 8) | (data[offset + i] & 0xffL);
    }
    return value;
  }

  private static final class State {
    long v0;
    long v1;
    long v2;
    long v3;

    State(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    void absorb(long m) {
      v3 ^= m;
      rounds(2);
      v0 ^= m;
    }

    void rounds(int count) {
      for (int i = 0; i < count; i++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13) ^ v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17) ^ v2;
        v2 = Long.rotateLeft(v2, 32);
      }
    }
  }
}
