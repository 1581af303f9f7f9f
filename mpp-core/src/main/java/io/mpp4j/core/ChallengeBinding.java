package io.mpp4j.core;

import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless challenge ids (draft-httpauth-payment-00 §5.1.1): {@code base64url(HMAC-SHA256(secret,
 * realm|method|intent|request|expires|digest|opaque))}, absent slots empty; a credential header
 * other than {@code Authorization} is bound in one more slot before {@code opaque}. Ids are
 * verified in constant time against the current secret and then each previous one, so that
 * challenges issued before a rotation stay payable until they expire. Only the canonical spelling
 * of an id verifies (no padding, no stray bits in the last character), so one challenge has exactly
 * one id. {@code Mac} instances are reused per thread.
 *
 * @since 0.1.0
 */
public final class ChallengeBinding {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int ID_LENGTH = 43;

  private final List<ThreadLocal<Mac>> macs;

  private ChallengeBinding(List<Secret> secrets) {
    List<ThreadLocal<Mac>> list = new ArrayList<>(secrets.size());
    for (Secret secret : secrets) {
      if (!secret.isAcceptedHmacKey()) {
        throw new IllegalArgumentException(
            "challenge secrets must be at least " + Secret.MIN_HMAC_BYTES + " bytes");
      }
      SecretKeySpec key = new SecretKeySpec(secret.bytes(), ALGORITHM);
      newMac(key); // fail fast on a broken JCA
      list.add(ThreadLocal.withInitial(() -> newMac(key)));
    }
    this.macs = List.copyOf(list);
  }

  /**
   * A binding that signs with {@code current} and also accepts ids made with {@code previous}.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes
   */
  public static ChallengeBinding of(Secret current, List<Secret> previous) {
    List<Secret> all = new ArrayList<>();
    all.add(Objects.requireNonNull(current, "current"));
    all.addAll(previous);
    return new ChallengeBinding(all);
  }

  /** The id this binding gives a challenge with the fields of {@code template} (its id ignored). */
  public String id(Challenge.Builder template) {
    return Base64Url.encode(mac(0, input(template.build("unsigned"))));
  }

  /** {@code template} with the id this binding gives it. */
  public Challenge sign(Challenge.Builder template) {
    return template.build(id(template));
  }

  /**
   * Whether {@code challenge.id()} is the canonical id this server made over exactly its fields.
   */
  public boolean verify(Challenge challenge) {
    String id = challenge.id();
    if (id.length() != ID_LENGTH) {
      return false;
    }
    byte[] presented;
    try {
      presented = Base64Url.decode(id);
    } catch (CodecException e) {
      return false;
    }
    if (!Base64Url.encode(presented).equals(id)) {
      return false;
    }
    byte[] input = input(challenge);
    boolean match = false;
    for (int i = 0; i < macs.size(); i++) {
      match |= MessageDigest.isEqual(presented, mac(i, input));
    }
    return match;
  }

  private byte[] mac(int index, byte[] input) {
    return macs.get(index).get().doFinal(input);
  }

  private static byte[] input(Challenge c) {
    String expires = c.expires();
    String digest = c.digest();
    String opaque = c.opaque();
    StringBuilder text = new StringBuilder(160 + c.request().length());
    text.append(c.realm()).append('|').append(c.method()).append('|').append(c.intent());
    text.append('|').append(c.request()).append('|');
    text.append(expires == null ? "" : expires).append('|');
    text.append(digest == null ? "" : digest).append('|');
    if (c.header() != null) {
      text.append(c.header()).append('|');
    }
    text.append(opaque == null ? "" : opaque);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
    }
  }
}
