package io.mpp4j.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON reader and writer of the SDK. Untrusted input is parsed with tight limits (depth 16,
 * 64 KiB documents, no duplicate keys) so that a hostile credential cannot exhaust memory or
 * smuggle a second value under the same key.
 */
public final class Json {
  /** Deepest nesting accepted in untrusted JSON. */
  public static final int MAX_DEPTH = 16;

  /** Largest untrusted JSON document accepted, in bytes. */
  public static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER = createMapper();
  private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
  private static final ObjectReader EMBEDDED_TREE_READER =
      TREE_READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  private static ObjectMapper createMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .maxStringLength(MAX_DOCUMENT_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    mapper.configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
    return mapper;
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses untrusted bytes that must hold one JSON object.
   *
   * @throws CodecException when the bytes are not a single JSON object within the limits
   */
  public static ObjectNode parseObject(byte[] utf8) {
    if (utf8.length > MAX_DOCUMENT_BYTES) {
      throw new CodecException("JSON document too large");
    }
    JsonNode node;
    try {
      node = TREE_READER.readTree(utf8);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("invalid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new CodecException("expected a JSON object");
    }
    return (ObjectNode) node;
  }

  /** A streaming parser over untrusted bytes, with the same limits as {@link #parseObject}. */
  static JsonParser parser(byte[] utf8) throws IOException {
    if (utf8.length > MAX_DOCUMENT_BYTES) {
      throw new CodecException("JSON document too large");
    }
    return MAPPER.getFactory().createParser(utf8);
  }

  /** The tree of the value the parser is at (an object or array just started). */
  static JsonNode readTree(JsonParser parser) throws IOException {
    return EMBEDDED_TREE_READER.readTree(parser);
  }

  /** Serialises a tree compactly (no whitespace); not canonical, see {@link Jcs} for that. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Appends {@code value} as a JSON string literal (RFC 8259 escaping, as JCS writes it). */
  public static void appendString(StringBuilder out, String value) {
    out.append('"');
    int length = value.length();
    int plain = 0;
    while (plain < length) {
      char c = value.charAt(plain);
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      plain++;
    }
    if (plain == length) {
      out.append(value).append('"');
      return;
    }
    out.append(value, 0, plain);
    for (int i = plain; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A string member that must be present and non-empty. */
  static String requiredText(JsonNode node, String name) {
    String value = optionalText(node, name);
    if (value == null || value.isEmpty()) {
      throw new CodecException("missing member " + name);
    }
    return value;
  }

  /** A string member, or null when absent or JSON null. */
  static String optionalText(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new CodecException(name + " must be a string");
    }
    return value.textValue();
  }

  /** A receipt member's value: a string, a long or a boolean; null for any other JSON value. */
  static Object receiptMember(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return null;
  }

  /** Puts a receipt member: a string, a long or a boolean. */
  static void put(ObjectNode json, String name, Object value) {
    if (value instanceof String text) {
      json.put(name, text);
    } else if (value instanceof Long number) {
      json.put(name, number.longValue());
    } else if (value instanceof Boolean flag) {
      json.put(name, flag.booleanValue());
    } else {
      throw new IllegalArgumentException("unsupported member type");
    }
  }

  static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
