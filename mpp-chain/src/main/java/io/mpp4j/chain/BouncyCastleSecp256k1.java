package io.mpp4j.chain;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * secp256k1 in pure Java (BouncyCastle): the fallback when libsecp256k1 cannot load, and the
 * reference the native backend is tested against (SEC 1 v2 section 4.1, RFC 6979).
 */
public final class BouncyCastleSecp256k1 implements Secp256k1.Backend {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  /** A BouncyCastle backend; it holds no state. */
  public BouncyCastleSecp256k1() {}

  @Override
  public String name() {
    return "bouncycastle";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    return new FixedPointCombMultiplier()
        .multiply(DOMAIN.getG(), new BigInteger(1, privateKey))
        .normalize()
        .getEncoded(false);
  }

  @Override
  public byte[] sign(byte[] digest, byte[] privateKey) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger s = rs[1];
    if (s.compareTo(Secp256k1.HALF_N) > 0) {
      s = Secp256k1.N.subtract(s);
    }
    byte[] out = new byte[64];
    System.arraycopy(Hex.unsigned(rs[0], 32), 0, out, 0, 32);
    System.arraycopy(Hex.unsigned(s, 32), 0, out, 32, 32);
    return out;
  }

  @Override
  public boolean verify(byte[] digest, byte[] rs, byte[] publicKey) {
    ECPoint q;
    try {
      q = CURVE.getCurve().decodePoint(publicKey);
    } catch (IllegalArgumentException e) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
    byte[] r = new byte[32];
    byte[] s = new byte[32];
    System.arraycopy(rs, 0, r, 0, 32);
    System.arraycopy(rs, 32, s, 0, 32);
    return verifier.verifySignature(digest, new BigInteger(1, r), new BigInteger(1, s));
  }

  @Override
  public byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
    byte[] rBytes = new byte[32];
    System.arraycopy(rs, 0, rBytes, 0, 32);
    BigInteger r = new BigInteger(1, rBytes);
    byte[] sBytes = new byte[32];
    System.arraycopy(rs, 32, sBytes, 0, 32);
    BigInteger s = new BigInteger(1, sBytes);
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (recoveryId == 0 ? 0x02 : 0x03);
    System.arraycopy(rBytes, 0, compressed, 1, 32);
    ECPoint point;
    try {
      point = CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      return null;
    }
    BigInteger n = Secp256k1.N;
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInv = r.modInverse(n);
    BigInteger u1 = n.subtract(e).multiply(rInv).mod(n);
    BigInteger u2 = s.multiply(rInv).mod(n);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, point, u2).normalize();
    return q.isInfinity() ? null : q.getEncoded(false);
  }
}
