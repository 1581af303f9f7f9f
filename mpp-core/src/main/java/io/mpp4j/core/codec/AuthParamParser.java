package io.mpp4j.core.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A single-pass parser for RFC 9110 §11 challenge lists: {@code scheme param=value, ..., scheme2
 * ...}. Linear in the input (no backtracking); quoted-strings honour backslash escapes; an
 * unterminated quoted value ends the header and is dropped; text after a closing quote up to the
 * next comma is ignored (lenient, as other MPP parsers are).
 */
final class AuthParamParser {
  /** One challenge: scheme (as sent) and its parameters, names lowercased. */
  record Parsed(String scheme, Map<String, String> params) {}

  private final String input;
  private int pos;

  private AuthParamParser(String input) {
    this.input = input;
  }

  static List<Parsed> parse(String header) {
    return new AuthParamParser(header).challenges();
  }

  private List<Parsed> challenges() {
    List<Parsed> result = new ArrayList<>();
    skipSeparators();
    while (pos < input.length()) {
      String scheme = token();
      if (scheme.isEmpty()) {
        throw new CodecException("expected an auth scheme");
      }
      Map<String, String> params = new LinkedHashMap<>();
      result.add(new Parsed(scheme, params));
      paramsInto(params);
      skipSeparators();
    }
    return result;
  }

  private void paramsInto(Map<String, String> params) {
    while (true) {
      skipSeparators();
      if (pos >= input.length()) {
        return;
      }
      int start = pos;
      String name = token();
      int afterName = pos;
      skipWhitespace();
      if (name.isEmpty()) {
        skipToComma();
        continue;
      }
      if (pos >= input.length() || input.charAt(pos) != '=') {
        pos = start; // a new scheme begins here
        return;
      }
      pos++;
      skipWhitespace();
      String value;
      if (pos < input.length() && input.charAt(pos) == '"') {
        value = quoted();
        if (value == null) {
          return; // unterminated: the rest of the header is one broken value
        }
        skipToComma();
      } else {
        value = token68();
        skipWhitespace();
        if (pos < input.length() && input.charAt(pos) != ',') {
          skipToComma();
        }
      }
      String key = name.toLowerCase(Locale.ROOT);
      if (params.putIfAbsent(key, value) != null) {
        throw new CodecException("duplicate parameter " + key);
      }
      if (afterName == start) {
        throw new CodecException("expected a parameter name");
      }
    }
  }

  private String quoted() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < input.length()) {
        out.append(input.charAt(pos++));
      } else {
        out.append(c);
      }
    }
    return null;
  }

  private String token() {
    int start = pos;
    while (pos < input.length() && isTokenChar(input.charAt(pos))) {
      pos++;
    }
    return input.substring(start, pos);
  }

  private String token68() {
    int start = pos;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (!isTokenChar(c) && c != '/' && c != '=') {
        break;
      }
      pos++;
    }
    return input.substring(start, pos);
  }

  private void skipToComma() {
    while (pos < input.length() && input.charAt(pos) != ',') {
      pos++;
    }
  }

  private void skipWhitespace() {
    while (pos < input.length() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void skipSeparators() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c != ' ' && c != '\t' && c != ',') {
        return;
      }
      pos++;
    }
  }

  static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
