package io.mpp4j.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON Canonicalization Scheme (RFC 8785) for the values MPP puts in {@code request} and {@code
 * opaque}: objects with keys sorted by UTF-16 code units, no whitespace, strings escaped as JCS
 * prescribes (§3.2.2.2), numbers in ECMAScript form (§3.2.2.3). A number whose ECMAScript form does
 * not denote the same value (an integer above 2^53 such as 9007199254740993, or more digits than a
 * double holds) and a string with an unpaired surrogate are refused: MPP requests carry amounts as
 * strings, and refusing beats emitting a value another SDK would canonicalise differently.
 */
public final class Jcs {
  private Jcs() {}

  /** Canonical JSON text of {@code node}. */
  public static String canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder(128);
    write(out, node);
    return out.toString();
  }

  /** {@code base64url(JCS(node))}: the wire form of {@code request} and {@code opaque}. */
  public static String encode(JsonNode node) {
    return Base64Url.encode(canonicalize(node));
  }

  private static void write(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(out, node);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, node.get(i));
        }
        out.append(']');
      }
      case STRING -> string(out, node.textValue());
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case NUMBER -> out.append(number(node));
      default -> throw new CodecException("value cannot be canonicalized");
    }
  }

  private static void writeObject(StringBuilder out, JsonNode node) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    fields.sort(Map.Entry.comparingByKey());
    out.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, fields.get(i).getKey());
      out.append(':');
      write(out, fields.get(i).getValue());
    }
    out.append('}');
  }

  private static void string(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new CodecException("unpaired surrogate in canonical JSON string");
      }
    }
    Json.appendString(out, value);
  }

  private static String number(JsonNode node) {
    String text = EcmaNumber.toString(node.doubleValue());
    if (node.isDouble() || node.isFloat()) {
      return text;
    }
    if (new BigDecimal(text).compareTo(node.decimalValue()) != 0) {
      throw new CodecException("number cannot be represented exactly in canonical JSON");
    }
    return text;
  }
}
