package io.mpp4j.core;

import io.mpp4j.core.codec.Base64Url;
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
 * realm|method|intent|request|expires|digest|opaque))}, absent slots empty. Ids are verified in
 * constant time against the current secret and then each previous one, so that challenges issued
 * before a rotation stay payable until they expire. {@code Mac} instances are reused per thread.
 */
public final class ChallengeBinding {
  private static final String ALGORITHM = "HmacSHA256";

  private final List<ThreadLocal<Mac>> macs;

  private ChallengeBinding(List<Secret> secrets) {
    List<ThreadLocal<Mac>> list = new ArrayList<>(secrets.size());
    for (Secret secret : secrets) {
      if (!secret.isStrongHmacKey()) {
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

  /** The id of a challenge with these bound fields (null for an absent optional slot). */
  public String id(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String opaque) {
    return idWithHeader(realm, method, intent, request, expires, digest, null, opaque);
  }

  /** A challenge with these fields and the id this binding gives them. */
  public Challenge challenge(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String description,
      String opaque) {
    String id = id(realm, method, intent, request, expires, digest, opaque);
    return new Challenge(id, realm, method, intent, request, expires, digest, description, opaque);
  }

  /**
   * The id with the optional credential-header slot of the conformance suite, inserted before
   * {@code opaque} when {@code header} is present and not {@code Authorization}.
   */
  public String idWithHeader(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String header,
      String opaque) {
    return Base64Url.encode(
        mac(0, input(realm, method, intent, request, expires, digest, header, opaque)));
  }

  /** Whether {@code challenge.id()} was made by this server over exactly these fields. */
  public boolean verify(Challenge challenge) {
    byte[] presented;
    try {
      presented = Base64Url.decode(challenge.id());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] input =
        input(
            challenge.realm(),
            challenge.method(),
            challenge.intent(),
            challenge.request(),
            challenge.expires(),
            challenge.digest(),
            null,
            challenge.opaque());
    boolean match = false;
    for (int i = 0; i < macs.size(); i++) {
      match |= MessageDigest.isEqual(presented, mac(i, input));
    }
    return match;
  }

  private byte[] mac(int index, byte[] input) {
    Mac mac = macs.get(index).get();
    return mac.doFinal(input);
  }

  private static byte[] input(
      String realm,
      String method,
      String intent,
      String request,
      String expires,
      String digest,
      String header,
      String opaque) {
    StringBuilder text = new StringBuilder(160 + request.length());
    text.append(realm).append('|').append(method).append('|').append(intent).append('|');
    text.append(request).append('|');
    text.append(expires == null ? "" : expires).append('|');
    text.append(digest == null ? "" : digest).append('|');
    if (header != null && !header.equalsIgnoreCase("Authorization")) {
      text.append(header).append('|');
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
