package io.mpp4j.core.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats and parses the three headers of the {@code Payment} scheme (draft-httpauth-payment-00
 * §5): {@code WWW-Authenticate} challenges, {@code Authorization} credentials and {@code
 * Payment-Receipt}. Parsing yields a value or throws {@link CodecException}; nothing else.
 */
public final class PaymentHeaders {
  /** The authentication scheme name. */
  public static final String SCHEME = "Payment";

  private PaymentHeaders() {}

  // ---- WWW-Authenticate -------------------------------------------------------------------

  /**
   * One challenge as a {@code WWW-Authenticate} value.
   *
   * @throws CodecException when a value holds CR, LF or another control character
   */
  public static String formatChallenge(Challenge challenge) {
    StringBuilder out =
        new StringBuilder(
            384
                + challenge.request().length()
                + (challenge.opaque() == null ? 0 : challenge.opaque().length())
                + (challenge.description() == null ? 0 : challenge.description().length()));
    out.append(SCHEME).append(' ');
    param(out, "id", challenge.id(), true);
    param(out, "realm", challenge.realm(), false);
    param(out, "method", challenge.method(), false);
    param(out, "intent", challenge.intent(), false);
    param(out, "request", challenge.request(), false);
    if (challenge.description() != null) {
      param(out, "description", challenge.description(), false);
    }
    if (challenge.digest() != null) {
      param(out, "digest", challenge.digest(), false);
    }
    if (challenge.expires() != null) {
      param(out, "expires", challenge.expires(), false);
    }
    if (challenge.header() != null) {
      param(out, "header", challenge.header(), false);
    }
    if (challenge.opaque() != null) {
      param(out, "opaque", challenge.opaque(), false);
    }
    return out.toString();
  }

  /**
   * Every {@code Payment} challenge in one or more {@code WWW-Authenticate} values; challenges of
   * other schemes are skipped.
   *
   * @throws CodecException when no Payment challenge is present or one is malformed
   */
  public static List<Challenge> parseChallenges(List<String> headerValues) {
    List<Challenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      for (AuthParamParser.Parsed parsed : AuthParamParser.parse(value)) {
        if (parsed.scheme().equalsIgnoreCase(SCHEME)) {
          if (parsed.repeatedParam()) {
            throw new CodecException("repeated parameter in a Payment challenge");
          }
          challenges.add(toChallenge(parsed.params()));
        }
      }
    }
    if (challenges.isEmpty()) {
      throw new CodecException("no Payment challenge");
    }
    return challenges;
  }

  /** The first {@code Payment} challenge in one header value. */
  public static Challenge parseChallenge(String headerValue) {
    return parseChallenges(List.of(headerValue)).get(0);
  }

  private static Challenge toChallenge(Map<String, String> params) {
    String request = required(params, "request");
    Json.parseObject(Base64Url.decode(request)); // must be base64url JSON
    String expires = params.get("expires");
    if (expires != null) {
      parseTimestamp(expires);
    }
    String method = required(params, "method");
    if (!method.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      throw new CodecException("method must be lowercase letters");
    }
    return new Challenge(
        required(params, "id"),
        present(params.get("realm"), "realm"),
        method,
        required(params, "intent"),
        request,
        expires,
        params.get("digest"),
        params.get("description"),
        params.get("opaque"),
        params.get("header"));
  }

  // ---- Authorization ----------------------------------------------------------------------

  /** A credential as an {@code Authorization} value: {@code Payment <base64url(JSON)>}. */
  public static String formatCredential(Credential credential) {
    ObjectNode json = Json.object();
    json.set("challenge", challengeJson(credential.challenge()));
    json.set("payload", credential.payload());
    if (credential.source() != null) {
      json.put("source", credential.source());
    }
    return SCHEME + " " + Base64Url.encode(Json.write(json));
  }

  /**
   * Parses one {@code Authorization: Payment} value.
   *
   * @throws CodecException when the scheme, encoding, JSON or shape is wrong
   */
  public static Credential parseCredential(String headerValue) {
    return CredentialReader.read(Base64Url.decode(credentialToken(headerValue)), true);
  }

  /**
   * Parses one {@code Authorization: Payment} value like {@link #parseCredential}, without decoding
   * the echoed challenge's {@code request}: for verifiers that compare it byte for byte with a
   * request they issued (a request that is not theirs is refused either way).
   *
   * @throws CodecException when the scheme, encoding, JSON or shape is wrong
   */
  public static Credential parseCredentialForVerification(String headerValue) {
    return CredentialReader.read(Base64Url.decode(credentialToken(headerValue)), false);
  }

  /** Whether an {@code Authorization} value uses the {@code Payment} scheme. */
  public static boolean isPaymentAuthorization(String headerValue) {
    String trimmed = headerValue.stripLeading();
    return trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        && (trimmed.length() == SCHEME.length() || trimmed.charAt(SCHEME.length()) == ' ');
  }

  private static String credentialToken(String headerValue) {
    if (!isPaymentAuthorization(headerValue)) {
      throw new CodecException("not a Payment credential");
    }
    int start = 0;
    while (Character.isWhitespace(headerValue.charAt(start))) {
      start++;
    }
    start += SCHEME.length();
    int end = headerValue.length();
    while (start < end && Character.isWhitespace(headerValue.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(headerValue.charAt(end - 1))) {
      end--;
    }
    String token = headerValue.substring(start, end);
    if (token.isEmpty() || token.indexOf(' ') >= 0 || token.indexOf(',') >= 0) {
      throw new CodecException("expected exactly one base64url credential");
    }
    return token;
  }

  /** The echoed challenge as JSON, exactly as a client sends it back. */
  public static ObjectNode challengeJson(Challenge challenge) {
    ObjectNode json = Json.object();
    json.put("id", challenge.id());
    json.put("realm", challenge.realm());
    json.put("method", challenge.method());
    json.put("intent", challenge.intent());
    json.put("request", challenge.request());
    Json.putIfPresent(json, "description", challenge.description());
    Json.putIfPresent(json, "digest", challenge.digest());
    Json.putIfPresent(json, "expires", challenge.expires());
    Json.putIfPresent(json, "opaque", challenge.opaque());
    Json.putIfPresent(json, "header", challenge.header());
    return json;
  }

  // ---- Payment-Receipt --------------------------------------------------------------------

  /** A receipt as a {@code Payment-Receipt} value: base64url of its JSON. */
  public static String formatReceipt(Receipt receipt) {
    return Base64Url.encode(receiptJson(receipt).getBytes(StandardCharsets.UTF_8));
  }

  /** The receipt's JSON text (members in a fixed order). */
  public static String receiptJson(Receipt receipt) {
    StringBuilder json = new StringBuilder(192);
    json.append("{\"method\":");
    Json.appendString(json, receipt.method());
    json.append(",\"reference\":");
    Json.appendString(json, receipt.reference());
    json.append(",\"status\":");
    Json.appendString(json, receipt.status());
    json.append(",\"timestamp\":");
    Json.appendString(json, Timestamps.format(receipt.timestamp()));
    for (Map.Entry<String, Object> member : receipt.extra().entrySet()) {
      json.append(',');
      Json.appendString(json, member.getKey());
      json.append(':');
      if (member.getValue() instanceof String text) {
        Json.appendString(json, text);
      } else {
        json.append(member.getValue());
      }
    }
    return json.append('}').toString();
  }

  /**
   * Parses a {@code Payment-Receipt} value.
   *
   * @throws CodecException when it is not a successful receipt
   */
  public static Receipt parseReceipt(String headerValue) {
    ObjectNode json = Json.parseObject(Base64Url.decode(headerValue.strip()));
    if (!"success".equals(Json.optionalText(json, "status"))) {
      throw new CodecException("receipt status must be success");
    }
    Map<String, Object> extra = new java.util.LinkedHashMap<>();
    json.fields()
        .forEachRemaining(
            field -> {
              String name = field.getKey();
              boolean core =
                  name.equals("method")
                      || name.equals("reference")
                      || name.equals("status")
                      || name.equals("timestamp");
              Object value = Json.receiptMember(field.getValue());
              if (!core && value != null) {
                extra.put(name, value);
              }
            });
    return new Receipt(
        Json.requiredText(json, "method"),
        Json.requiredText(json, "reference"),
        parseTimestamp(Json.requiredText(json, "timestamp")),
        extra);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Instant parseTimestamp(String text) {
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new CodecException("timestamp is not RFC 3339");
    }
  }

  private static void param(StringBuilder out, String name, String value, boolean first) {
    if (!first) {
      out.append(", ");
    }
    out.append(name).append("=\"");
    if (needsNoEscape(value, name)) {
      out.append(value); // the common case (ids, base64url, timestamps): copied in one go
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Whether a quoted-string value has no quote or backslash; a control character is refused. */
  private static boolean needsNoEscape(String value, String name) {
    boolean plain = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new CodecException("control character in parameter " + name);
      }
      plain &= c != '"' && c != '\\';
    }
    return plain;
  }

  private static String required(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      throw new CodecException("missing parameter " + name.toLowerCase(Locale.ROOT));
    }
    return value;
  }

  /** A member that must be present but may be empty (the realm). */
  private static String present(String value, String name) {
    if (value == null) {
      throw new CodecException("missing " + name);
    }
    return value;
  }
}
