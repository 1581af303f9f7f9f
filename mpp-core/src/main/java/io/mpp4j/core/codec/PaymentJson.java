package io.mpp4j.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The native JSON forms of challenges, credentials and receipts, where a challenge's {@code
 * request} is a JSON object rather than its base64url wire value, as the JSON-RPC transport
 * (draft-payment-transport-mcp-00) and the cross-SDK conformance suite carry them. Converting a
 * native challenge back encodes its request as {@code base64url(JCS(request))}, the value the
 * challenge id binds. {@code opaque} stays the wire string; a native object given for it is encoded
 * the same way.
 */
public final class PaymentJson {
  private static final Set<String> RECEIPT_CORE =
      Set.of("status", "method", "reference", "timestamp");

  private PaymentJson() {}

  /** A challenge with its request decoded; absent optional members are omitted. */
  public static ObjectNode toJson(Challenge challenge) {
    ObjectNode json = Json.object();
    json.put("id", challenge.id());
    json.put("realm", challenge.realm());
    json.put("method", challenge.method());
    json.put("intent", challenge.intent());
    json.set("request", Json.parseObject(Base64Url.decode(challenge.request())));
    Json.putIfPresent(json, "expires", challenge.expires());
    Json.putIfPresent(json, "description", challenge.description());
    Json.putIfPresent(json, "digest", challenge.digest());
    Json.putIfPresent(json, "opaque", challenge.opaque());
    Json.putIfPresent(json, "header", challenge.header());
    return json;
  }

  /**
   * A challenge from its native form; unknown members are ignored.
   *
   * @throws CodecException when a required member is missing, a member has the wrong type, {@code
   *     expires} is not RFC 3339 or the request cannot be canonicalized
   */
  public static Challenge challengeFromJson(JsonNode json) {
    requireObject(json, "challenge");
    JsonNode request = json.get("request");
    if (request == null || !request.isObject()) {
      throw new CodecException("challenge request must be a JSON object");
    }
    String expires = Json.optionalText(json, "expires");
    if (expires != null) {
      try {
        Timestamps.parse(expires);
      } catch (DateTimeParseException e) {
        throw new CodecException("expires is not RFC 3339");
      }
    }
    String realm = Json.optionalText(json, "realm");
    if (realm == null) {
      throw new CodecException("missing member realm");
    }
    return new Challenge(
        Json.requiredText(json, "id"),
        realm,
        Json.requiredText(json, "method"),
        Json.requiredText(json, "intent"),
        Jcs.encode(request),
        expires,
        Json.optionalText(json, "digest"),
        Json.optionalText(json, "description"),
        opaque(json.get("opaque")),
        Json.optionalText(json, "header"));
  }

  /** A credential with its echoed challenge in native form. */
  public static ObjectNode toJson(Credential credential) {
    ObjectNode json = Json.object();
    json.set("challenge", toJson(credential.challenge()));
    json.set("payload", credential.payload());
    Json.putIfPresent(json, "source", credential.source());
    return json;
  }

  /**
   * A credential from its native form.
   *
   * @throws CodecException when the challenge is invalid, the payload is not an object or the
   *     source is not a string
   */
  public static Credential credentialFromJson(JsonNode json) {
    requireObject(json, "credential");
    Challenge challenge = challengeFromJson(json.get("challenge"));
    JsonNode payload = json.get("payload");
    if (payload == null || !payload.isObject()) {
      throw new CodecException("credential payload must be a JSON object");
    }
    return new Credential(challenge, (ObjectNode) payload, Json.optionalText(json, "source"));
  }

  /** A receipt: {@code status}, {@code method}, {@code reference}, {@code timestamp}, extras. */
  public static ObjectNode toJson(Receipt receipt) {
    ObjectNode json = Json.object();
    json.put("status", receipt.status());
    json.put("method", receipt.method());
    json.put("reference", receipt.reference());
    json.put("timestamp", Timestamps.format(receipt.timestamp()));
    receipt.extra().forEach((name, value) -> Json.put(json, name, value));
    return json;
  }

  /**
   * A receipt from its JSON form. Further string, integer and boolean members become extras;
   * members of other types are refused.
   *
   * @throws CodecException when the status is not {@code success} or a member is missing or
   *     malformed
   */
  public static Receipt receiptFromJson(JsonNode json) {
    requireObject(json, "receipt");
    if (!Receipt.STATUS_SUCCESS.equals(Json.optionalText(json, "status"))) {
      throw new CodecException("receipt status must be success");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      if (RECEIPT_CORE.contains(member.getKey()) || member.getValue().isNull()) {
        continue;
      }
      Object value = Json.receiptMember(member.getValue());
      if (value == null) {
        throw new CodecException(
            "receipt member " + member.getKey() + " must be a string, an integer or a boolean");
      }
      extra.put(member.getKey(), value);
    }
    try {
      return new Receipt(
          Json.requiredText(json, "method"),
          Json.requiredText(json, "reference"),
          Timestamps.parse(Json.requiredText(json, "timestamp")),
          extra);
    } catch (DateTimeParseException e) {
      throw new CodecException("timestamp is not RFC 3339");
    }
  }

  private static String opaque(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isObject()) {
      return Jcs.encode(value);
    }
    throw new CodecException("opaque must be a string or an object");
  }

  private static void requireObject(JsonNode json, String what) {
    if (json == null || !json.isObject()) {
      throw new CodecException(what + " must be a JSON object");
    }
  }
}
