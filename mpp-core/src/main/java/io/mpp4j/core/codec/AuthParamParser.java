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
 * next comma, and text that is not a challenge, is ignored (lenient, as other MPP parsers are).
 */
final class AuthParamParser {
  /**
   * One challenge: scheme (as sent), its parameters (names lowercased, first occurrence kept) and
   * whether a parameter name was repeated. A repeat only matters to the scheme's own parser, so
   * another scheme's mistake does not hide a good {@code Payment} challenge.
   */
  record Parsed(String scheme, Map<String, String> params, boolean repeatedParam) {}

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
        skipToComma(); // not a challenge: skip it rather than lose the others
        skipSeparators();
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      boolean repeated = paramsInto(params);
      result.add(new Parsed(scheme, params, repeated));
      skipSeparators();
    }
    return result;
  }

  /** Reads the parameters of one challenge; returns whether a name was repeated. */
  private boolean paramsInto(Map<String, String> params) {
    boolean repeated = false;
    while (true) {
      skipSeparators();
      if (pos >= input.length()) {
        return repeated;
      }
      int start = pos;
      String name = token();
      skipWhitespace();
      if (name.isEmpty()) {
        skipToComma();
        continue;
      }
      if (pos >= input.length() || input.charAt(pos) != '=') {
        pos = start; // a new scheme begins here
        return repeated;
      }
      pos++;
      skipWhitespace();
      String value;
      if (pos < input.length() && input.charAt(pos) == '"') {
        value = quoted();
        if (value == null) {
          return repeated; // unterminated: the rest of the header is one broken value
        }
        skipToComma();
      } else {
        value = token68();
        skipWhitespace();
        if (pos < input.length() && input.charAt(pos) != ',') {
          skipToComma();
        }
      }
      repeated |= params.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null;
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
