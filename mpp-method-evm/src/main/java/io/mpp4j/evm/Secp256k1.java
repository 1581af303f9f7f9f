package io.mpp4j.evm;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * secp256k1 ECDSA over 32-byte digests: deterministic signing (RFC 6979, HMAC-SHA256) with low-s
 * normalisation, and public-key recovery to an address, as Ethereum uses them.
 */
final class Secp256k1 {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
  static final BigInteger N = CURVE.getN();
  static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1() {}

  /** A signature with its recovery bit. */
  record Signature(BigInteger r, BigInteger s, int yParity) {
    /** {@code r || s || v} with {@code v = 27 + yParity}, the 65-byte Ethereum form. */
    byte[] toBytes65() {
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
    static Signature fromBytes65(byte[] bytes) {
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

    boolean isLowS() {
      return s.signum() > 0 && s.compareTo(HALF_N) <= 0;
    }
  }

  /** The 32-byte private key of a {@code 0x}-hex string or raw bytes. */
  static BigInteger privateKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secp256k1 private key is 32 bytes");
    }
    BigInteger d = new BigInteger(1, key);
    if (d.signum() == 0 || d.compareTo(N) >= 0) {
      throw new IllegalArgumentException("private key out of range");
    }
    return d;
  }

  /** The address ({@code keccak256(pubkey)[12:]}, lowercase) of a private key. */
  static String address(BigInteger privateKey) {
    ECPoint q = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), privateKey).normalize();
    return address(q);
  }

  private static String address(ECPoint q) {
    byte[] encoded = q.getEncoded(false);
    byte[] hash = Keccak.hash(Arrays.copyOfRange(encoded, 1, encoded.length));
    return Hex.encode(Arrays.copyOfRange(hash, 12, 32));
  }

  /** Signs a digest deterministically; the result always has a low {@code s}. */
  static Signature sign(byte[] digest, BigInteger privateKey) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (s.compareTo(HALF_N) > 0) {
      s = N.subtract(s);
    }
    String expected = address(privateKey);
    for (int parity = 0; parity < 2; parity++) {
      Optional<String> recovered = recover(digest, new Signature(r, s, parity));
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
  static Optional<String> recover(byte[] digest, Signature signature) {
    BigInteger r = signature.r();
    BigInteger s = signature.s();
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      return Optional.empty();
    }
    BigInteger prime = CURVE.getCurve().getField().getCharacteristic();
    if (r.compareTo(prime) >= 0) {
      return Optional.empty();
    }
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (signature.yParity() == 0 ? 0x02 : 0x03);
    System.arraycopy(Hex.unsigned(r, 32), 0, compressed, 1, 32);
    ECPoint point;
    try {
      point = CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, point, u2).normalize();
    if (q.isInfinity()) {
      return Optional.empty();
    }
    return Optional.of(address(q));
  }
}
