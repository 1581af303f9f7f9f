package io.mpp4j.core.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * RFC 9530 {@code Content-Digest} values for the {@code digest} challenge parameter: {@code
 * sha-256=:<base64>:} or {@code sha-512=:<base64>:}. Parsing also accepts the colon-less form some
 * implementations emit ({@code sha-256=<base64>}).
 */
public final class ContentDigest {
  private ContentDigest() {}

  /** The {@code sha-256} digest of {@code body} in RFC 9530 form. */
  public static String sha256(byte[] body) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(hash("SHA-256", body)) + ":";
  }

  /** The {@code sha-512} digest of {@code body} in RFC 9530 form. */
  public static String sha512(byte[] body) {
    return "sha-512=:" + Base64.getEncoder().encodeToString(hash("SHA-512", body)) + ":";
  }

  /**
   * Whether {@code digest} (one or more comma-separated RFC 9530 members) matches {@code body}.
   * Every supported member must match and at least one must be supported; the comparison is
   * constant-time.
   *
   * @throws CodecException when the value is malformed or names no supported algorithm
   */
  public static boolean matches(String digest, byte[] body) {
    boolean any = false;
    for (String member : digest.split(",")) {
      String trimmed = member.strip();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new CodecException("malformed digest");
      }
      String algorithm = trimmed.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String jdkName =
          switch (algorithm) {
            case "sha-256" -> "SHA-256";
            case "sha-512" -> "SHA-512";
            default -> null;
          };
      if (jdkName == null) {
        continue;
      }
      byte[] expected = decodeValue(trimmed.substring(eq + 1).strip());
      if (!MessageDigest.isEqual(expected, hash(jdkName, body))) {
        return false;
      }
      any = true;
    }
    if (!any) {
      throw new CodecException("no supported digest algorithm");
    }
    return true;
  }

  private static byte[] decodeValue(String value) {
    String inner = value;
    if (inner.length() >= 2 && inner.startsWith(":") && inner.endsWith(":")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    try {
      return Base64.getDecoder().decode(inner);
    } catch (IllegalArgumentException e) {
      throw new CodecException("malformed digest value");
    }
  }

  private static byte[] hash(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(algorithm).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by the JDK", e);
    }
  }
}
