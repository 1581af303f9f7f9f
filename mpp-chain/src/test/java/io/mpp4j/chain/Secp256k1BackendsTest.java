package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** libsecp256k1 (JNI) and BouncyCastle give identical keys, signatures and recoveries. */
class Secp256k1BackendsTest {
  private static final Secp256k1.Backend FALLBACK = new BouncyCastleSecp256k1();

  private static Secp256k1.Backend nativeBackend() {
    return NativeSecp256k1.load().orElseThrow(() -> new AssertionError("libsecp256k1 not loaded"));
  }

  @Test
  void backendWhenNativeLibraryLoadsOnLinuxThenItIsTheDefault() {
    assertThat(Secp256k1.backendName()).isEqualTo("libsecp256k1");
  }

  @Test
  void loadWhenPropertyAsksForBouncyCastleThenNativeLibrarySkipped() {
    String before = System.getProperty(Secp256k1.BACKEND_PROPERTY);
    try {
      System.setProperty(Secp256k1.BACKEND_PROPERTY, "BouncyCastle");
      assertThat(Secp256k1.Backend.load().name()).isEqualTo("bouncycastle");
      System.setProperty(Secp256k1.BACKEND_PROPERTY, "native");
      assertThat(Secp256k1.Backend.load().name()).isEqualTo("libsecp256k1");
    } finally {
      if (before == null) {
        System.clearProperty(Secp256k1.BACKEND_PROPERTY);
      } else {
        System.setProperty(Secp256k1.BACKEND_PROPERTY, before);
      }
    }
  }

  @Test
  void signAndRecoverWhenRandomKeysAndDigestsThenBothBackendsAgree() {
    Secp256k1.Backend fast = nativeBackend();
    Random random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      BigInteger key =
          new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      byte[] digest = new byte[32];
      random.nextBytes(digest);

      Secp256k1.Signature bySlow = Secp256k1.sign(FALLBACK, digest, key);
      Secp256k1.Signature byFast = Secp256k1.sign(fast, digest, key);

      assertThat(byFast).isEqualTo(bySlow);
      assertThat(byFast.isLowS()).isTrue();
      assertThat(Secp256k1.address(fast, key)).isEqualTo(Secp256k1.address(FALLBACK, key));
      assertThat(Secp256k1.recover(fast, digest, byFast))
          .isEqualTo(Secp256k1.recover(FALLBACK, digest, byFast))
          .contains(Secp256k1.address(FALLBACK, key));
      byte[] publicKey = fast.publicKey(Hex.unsigned(key, 32));
      byte[] rs = new byte[64];
      System.arraycopy(Hex.unsigned(byFast.r(), 32), 0, rs, 0, 32);
      System.arraycopy(Hex.unsigned(byFast.s(), 32), 0, rs, 32, 32);
      assertThat(fast.verify(digest, rs, publicKey)).isTrue();
      assertThat(FALLBACK.verify(digest, rs, publicKey)).isTrue();
      digest[0] ^= 1;
      assertThat(fast.verify(digest, rs, publicKey)).isFalse();
      assertThat(FALLBACK.verify(digest, rs, publicKey)).isFalse();
      digest[0] ^= 1;
      Secp256k1.Signature flipped =
          new Secp256k1.Signature(byFast.r(), byFast.s(), 1 - byFast.yParity());
      assertThat(Secp256k1.recover(fast, digest, flipped))
          .isEqualTo(Secp256k1.recover(FALLBACK, digest, flipped));
      Secp256k1.Signature highS =
          new Secp256k1.Signature(
              byFast.r(), Secp256k1.N.subtract(byFast.s()), 1 - byFast.yParity());
      assertThat(Secp256k1.recover(fast, digest, highS))
          .isEqualTo(Secp256k1.recover(FALLBACK, digest, highS));
    }
  }

  @Test
  void signedByWhenKeyLearnedFromARecoveryThenVerifiesAndStillRefusesOthers() {
    BigInteger key = BigInteger.valueOf(123_456_789);
    String address = Secp256k1.address(key);
    byte[] digest = Keccak.hash("voucher");
    Secp256k1.Signature signature = Secp256k1.sign(digest, key);

    assertThat(Secp256k1.signedBy(digest, signature, address)).isTrue();
    assertThat(Secp256k1.signedBy(digest, signature, address)).isTrue();
    assertThat(Secp256k1.signedBy(Keccak.hash("other"), signature, address)).isFalse();
    assertThat(Secp256k1.signedBy(digest, signature, Secp256k1.address(BigInteger.TEN))).isFalse();
    assertThat(Secp256k1.signedBy(FALLBACK, digest, signature, address)).isTrue();
  }

  @Test
  void recoverWhenSignatureIsNotOnTheCurveThenBothBackendsFindNoSigner() {
    byte[] digest = new byte[32];
    digest[0] = 1;
    BigInteger notX = BigInteger.valueOf(5);
    Secp256k1.Signature invalid = new Secp256k1.Signature(notX, BigInteger.TWO, 0);

    assertThat(Secp256k1.recover(nativeBackend(), digest, invalid))
        .isEqualTo(Secp256k1.recover(FALLBACK, digest, invalid));
    assertThat(
            Secp256k1.recover(
                nativeBackend(),
                digest,
                new Secp256k1.Signature(BigInteger.ZERO, BigInteger.ONE, 0)))
        .isEmpty();
  }

  @Test
  void signWhenAnvilKeyThenMatchesTheReferenceTransactionVector() {
    BigInteger anvil0 =
        Secp256k1.privateKey(
            Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    assertThat(Secp256k1.address(nativeBackend(), anvil0))
        .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  }
}
