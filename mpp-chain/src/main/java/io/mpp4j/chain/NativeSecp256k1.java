package io.mpp4j.chain;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Optional;

/**
 * secp256k1 through libsecp256k1 (JNI, the native library bundled by {@code
 * fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}): recovery in a few tens of microseconds.
 */
final class NativeSecp256k1 implements io.mpp4j.chain.Secp256k1.Backend {
  private static final System.Logger LOG = System.getLogger(NativeSecp256k1.class.getName());

  private final Secp256k1 lib;

  private NativeSecp256k1(Secp256k1 lib) {
    this.lib = lib;
  }

  /** The native backend, or empty when its library does not load on this platform. */
  static Optional<io.mpp4j.chain.Secp256k1.Backend> load() {
    try {
      Secp256k1 lib = Secp256k1.Companion.get();
      NativeSecp256k1 backend = new NativeSecp256k1(lib);
      backend.publicKey(SELF_TEST_KEY);
      return Optional.of(backend);
    } catch (Throwable e) {
      LOG.log(
          System.Logger.Level.INFO,
          "libsecp256k1 unavailable ({0}); using BouncyCastle",
          e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static final byte[] SELF_TEST_KEY = new byte[32];

  static {
    SELF_TEST_KEY[31] = 1;
  }

  @Override
  public String name() {
    return "libsecp256k1";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    byte[] key = lib.pubkeyCreate(privateKey);
    return key.length == 65 ? key : lib.pubkeyParse(key);
  }

  @Override
  public byte[] sign(byte[] digest, byte[] privateKey) {
    return lib.sign(digest, privateKey);
  }

  @Override
  public boolean verify(byte[] digest, byte[] rs, byte[] publicKey) {
    try {
      return lib.verify(rs, digest, publicKey);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
    try {
      byte[] key = lib.ecdsaRecover(rs, digest, recoveryId);
      return key.length == 65 ? key : lib.pubkeyParse(key);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
