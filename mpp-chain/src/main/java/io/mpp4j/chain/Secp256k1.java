package io.mpp4j.chain;

import io.mpp4j.core.Secret;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * secp256k1 ECDSA over 32-byte digests: deterministic signing (RFC 6979, HMAC-SHA256) with low-s
 * normalisation, and public-key recovery to an address, as Ethereum and Tempo use them. The work is
 * done by libsecp256k1 through JNI when its bundled native library loads on this platform, and by
 * BouncyCastle otherwise; both give identical results. The system property {@value
 * #BACKEND_PROPERTY}{@code =bouncycastle} forces BouncyCastle. (SEC 1 v2 section 4.1, RFC 6979,
 * EIP-2 low-s, Ethereum yellow paper appendix F.)
 */
public final class Secp256k1 {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  /** The order of the curve's base point. */
  public static final BigInteger N = CURVE.getN();

  /** {@code N / 2}: the largest low {@code s} (EIP-2). */
  public static final BigInteger HALF_N = N.shiftRight(1);

  /** System property: set to {@code bouncycastle} to skip the native library. */
  public static final String BACKEND_PROPERTY = "mpp4j.secp256k1";

  private static final Backend BACKEND = Backend.load();
  private static final int MAX_KNOWN_KEYS = 10_000;
  private static final java.util.Map<String, byte[]> KNOWN_KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Secp256k1() {}

  /** What does the curve arithmetic: libsecp256k1 or BouncyCastle. */
  public interface Backend {
    /** {@code libsecp256k1} or {@code bouncycastle}. */
    String name();

    /** The uncompressed public key (65 bytes) of a valid private key. */
    byte[] publicKey(byte[] privateKey);

    /** A low-s signature {@code r || s} (64 bytes), RFC 6979 nonce. */
    byte[] sign(byte[] digest, byte[] privateKey);

    /** The uncompressed public key that signed, or null when none does. */
    byte[] recover(byte[] digest, byte[] rs, int recoveryId);

    /** Whether the low-s signature {@code r || s} over {@code digest} is by {@code publicKey}. */
    boolean verify(byte[] digest, byte[] rs, byte[] publicKey);

    /** libsecp256k1 unless it fails to load or {@link #BACKEND_PROPERTY} asks for BouncyCastle. */
    static Backend load() {
      if ("bouncycastle".equalsIgnoreCase(System.getProperty(BACKEND_PROPERTY))) {
        return new BouncyCastleSecp256k1();
      }
      return NativeSecp256k1.load().orElseGet(BouncyCastleSecp256k1::new);
    }
  }

  /** The backend in use ({@code libsecp256k1} or {@code bouncycastle}). */
  public static String backendName() {
    return BACKEND.name();
  }

  /** A signature with its recovery bit. */
  public record Signature(BigInteger r, BigInteger s, int yParity) {
    /** {@code r || s || v} with {@code v = 27 + yParity}, the 65-byte Ethereum form. */
    public byte[] toBytes65() {
      byte[] out = new byte[65];
      System.arraycopy(Hex.unsigned(r, 32), 0, out, 0, 32);
      System.arraycopy(Hex.unsigned(s, 32), 0, out, 32, 32);
      out[64] = (byte) (27 + yParity);
      return out;
    }

    /**
     * Reads {@code r || s || v} (v 27/28 or 0/1).
     *
     * @throws IllegalArgumentException when the bytes are not such a signature
     */
    public static Signature fromBytes65(byte[] bytes) {
      if (bytes.length != 65) {
        throw new IllegalArgumentException("a secp256k1 signature is 65 bytes");
      }
      int v = bytes[64] & 0xff;
      int parity =
          switch (v) {
            case 0, 27 -> 0;
            case 1, 28 -> 1;
            default -> throw new IllegalArgumentException("signature v must be 0, 1, 27 or 28");
          };
      return new Signature(
          new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
          new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)),
          parity);
    }

    /**
     * Reads a 65-byte {@code r || s || v} or a 64-byte EIP-2098 compact signature ({@code r ||
     * yParityAndS}).
     *
     * @throws IllegalArgumentException when the bytes are neither
     */
    public static Signature fromBytes(byte[] bytes) {
      if (bytes.length == 65) {
        return fromBytes65(bytes);
      }
      if (bytes.length != 64) {
        throw new IllegalArgumentException("a secp256k1 signature is 64 or 65 bytes");
      }
      BigInteger vs = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
      return new Signature(
          new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
          vs.clearBit(255),
          vs.testBit(255) ? 1 : 0);
    }

    /** Whether {@code s} is in {@code [1, N/2]}, the only form Ethereum accepts (EIP-2). */
    public boolean isLowS() {
      return s.signum() > 0 && s.compareTo(HALF_N) <= 0;
    }
  }

  /** The private key of 32 raw bytes, checked to be in {@code [1, N)}. */
  public static BigInteger privateKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secp256k1 private key is 32 bytes");
    }
    BigInteger d = new BigInteger(1, key);
    if (d.signum() == 0 || d.compareTo(N) >= 0) {
      throw new IllegalArgumentException("private key out of range");
    }
    return d;
  }

  /** The private key held by a {@link Secret}: {@code 0x}-hex text or 32 raw bytes. */
  public static BigInteger privateKey(Secret secret) {
    byte[] bytes = secret.bytes();
    byte[] raw =
        bytes.length == 32
            ? bytes
            : Hex.decode(new String(bytes, StandardCharsets.UTF_8).trim(), 32);
    return privateKey(raw);
  }

  /** The address ({@code keccak256(pubkey)[12:]}, lowercase) of a private key. */
  public static String address(BigInteger privateKey) {
    return address(BACKEND, privateKey);
  }

  /** The address of a private key, computed by {@code backend}. */
  public static String address(Backend backend, BigInteger privateKey) {
    return addressOf(backend.publicKey(Hex.unsigned(privateKey, 32)));
  }

  private static String addressOf(byte[] uncompressed) {
    byte[] hash = Keccak.hash(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return Hex.encode(Arrays.copyOfRange(hash, 12, 32));
  }

  /** Signs a digest deterministically; the result always has a low {@code s}. */
  public static Signature sign(byte[] digest, BigInteger privateKey) {
    return sign(BACKEND, digest, privateKey);
  }

  /** Signs a digest with {@code backend}; the result always has a low {@code s}. */
  public static Signature sign(Backend backend, byte[] digest, BigInteger privateKey) {
    byte[] rs = backend.sign(digest, Hex.unsigned(privateKey, 32));
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    String expected = address(backend, privateKey);
    for (int parity = 0; parity < 2; parity++) {
      Optional<String> recovered = recover(backend, digest, new Signature(r, s, parity));
      if (recovered.isPresent() && recovered.get().equals(expected)) {
        return new Signature(r, s, parity);
      }
    }
    throw new IllegalStateException("could not find the recovery id of a fresh signature");
  }

  /**
   * The address that signed {@code digest}, or empty when the signature is invalid (out of range r
   * or s, or no point for r).
   */
  public static Optional<String> recover(byte[] digest, Signature signature) {
    return recover(BACKEND, digest, signature);
  }

  /**
   * Whether {@code signature} over {@code digest} is by {@code address}: a verification against the
   * address's public key once a recovery has revealed it (cheaper than recovering each time), a
   * recovery otherwise.
   */
  public static boolean signedBy(byte[] digest, Signature signature, String address) {
    return signedBy(BACKEND, digest, signature, address);
  }

  /** {@link #signedBy(byte[], Signature, String)} with {@code backend}. */
  public static boolean signedBy(
      Backend backend, byte[] digest, Signature signature, String address) {
    byte[] rs = rs(digest, signature);
    if (rs == null) {
      return false;
    }
    byte[] known = KNOWN_KEYS.get(address);
    if (known != null && signature.isLowS() && backend.verify(digest, rs, known)) {
      return true;
    }
    byte[] key = backend.recover(digest, rs, signature.yParity());
    if (key == null || !addressOf(key).equals(address)) {
      return false;
    }
    if (KNOWN_KEYS.size() >= MAX_KNOWN_KEYS) {
      KNOWN_KEYS.clear();
    }
    KNOWN_KEYS.put(address, key);
    return true;
  }

  private static byte[] rs(byte[] digest, Signature signature) {
    BigInteger r = signature.r();
    BigInteger s = signature.s();
    if (digest.length != 32
        || r.signum() <= 0
        || r.compareTo(N) >= 0
        || s.signum() <= 0
        || s.compareTo(N) >= 0) {
      return null;
    }
    byte[] rs = new byte[64];
    System.arraycopy(Hex.unsigned(r, 32), 0, rs, 0, 32);
    System.arraycopy(Hex.unsigned(s, 32), 0, rs, 32, 32);
    return rs;
  }

  /** {@link #recover(byte[], Signature)} with {@code backend}. */
  public static Optional<String> recover(Backend backend, byte[] digest, Signature signature) {
    byte[] rs = rs(digest, signature);
    if (rs == null) {
      return Optional.empty();
    }
    byte[] key = backend.recover(digest, rs, signature.yParity());
    return key == null ? Optional.empty() : Optional.of(addressOf(key));
  }
}
