package io.mpp4j.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Between the SDK's plain Java JSON values (maps, lists, strings, numbers, booleans; written by its
 * own Jackson) and the engine's JSON trees: the credential read under the engine's limits for
 * untrusted JSON, challenges, problems and receipts written as plain maps, and the canonical digest
 * of call arguments.
 */
final class PlainJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private PlainJson() {}

  /**
   * The credential in {@code _meta} as a JSON object, read like any untrusted JSON (depth, string
   * and number limits, no duplicate keys).
   *
   * @throws CodecException when it is larger than {@code maxBytes} or not a JSON object
   */
  static ObjectNode credential(Object value, int maxBytes) {
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CodecException("credential is not JSON");
    }
    if (json.length > maxBytes) {
      throw new CodecException("credential is larger than " + maxBytes + " bytes");
    }
    return Json.parseObject(json);
  }

  /** A JSON object as plain Java values, in member order. */
  static Map<String, Object> object(JsonNode node) {
    return MAPPER.convertValue(node, MAP);
  }

  /** A JSON object text the engine wrote, as plain Java values. */
  static Map<String, Object> parse(String json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the engine wrote invalid JSON", e);
    }
  }

  /**
   * {@code sha-256=<base64url>} of the RFC 8785 form of {@code arguments} ({@code {}} when null),
   * so that a client may reorder members or respell numbers without changing the operation.
   *
   * @throws CodecException when the arguments cannot be canonicalized
   */
  static String digest(Map<String, Object> arguments) {
    JsonNode node;
    try {
      node = MAPPER.valueToTree(arguments == null ? Map.of() : arguments);
    } catch (IllegalArgumentException e) {
      throw new CodecException("arguments are not JSON");
    }
    byte[] canonical = Jcs.canonicalize(node).getBytes(StandardCharsets.UTF_8);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
      return "sha-256=" + io.mpp4j.core.codec.Base64Url.encode(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
