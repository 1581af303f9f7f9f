package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's subscription access keys (draft-tempo-subscription-00 §"Access Key Isolation": one
 * key per subscription): each challenge names a fresh secp256k1 key derived from its random nonce
 * with HMAC-SHA256 under a key from configuration, so issuing a challenge stores nothing; once a
 * subscription is active its key is kept in the store sealed with AES-256-GCM (the subscription id
 * as associated data) under a second key derived from the same secret. Keys never leave this class
 * unsealed except to sign.
 */
final class SubscriptionKeys {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] derivation;
  private final SecretKeySpec sealing;

  SubscriptionKeys(Secret secret) {
    byte[] root = secret.bytes();
    if (root.length < Secret.MIN_HMAC_BYTES) {
      throw new IllegalArgumentException(
          "the subscription key must be at least " + Secret.MIN_HMAC_BYTES + " bytes");
    }
    this.derivation = hmac(root, "mpp4j/tempo/subscription/access-key/v1");
    this.sealing = new SecretKeySpec(hmac(root, "mpp4j/tempo/subscription/seal/v1"), "AES");
    Arrays.fill(root, (byte) 0);
  }

  /** The access key of the challenge with this nonce. */
  BigInteger accessKey(String nonce) {
    BigInteger value = new BigInteger(1, hmac(derivation, "challenge|" + nonce));
    return value.mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  /** The address of the access key of the challenge with this nonce. */
  String address(String nonce) {
    return Secp256k1.address(accessKey(nonce));
  }

  /** {@code key} sealed for subscription {@code id}: base64url of IV, ciphertext and tag. */
  String seal(BigInteger key, String id) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] plain = Hex.unsigned(key, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return Base64Url.encode(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The key sealed for subscription {@code id}.
   *
   * @throws IllegalStateException when it was sealed under another key or for another subscription
   */
  BigInteger open(String sealed, String id) {
    byte[] bytes;
    try {
      bytes = Base64Url.decode(sealed);
    } catch (CodecException e) {
      throw new IllegalStateException("a sealed access key is malformed", e);
    }
    if (bytes.length <= IV_BYTES) {
      throw new IllegalStateException("a sealed access key is malformed");
    }
    byte[] plain = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      return Secp256k1.privateKey(plain);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a sealed access key cannot be opened (was the subscription key changed?)");
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SubscriptionKeys[redacted]";
  }
}
