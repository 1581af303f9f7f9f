package io.mpp4j.servlet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A route path relative to the context: exact ({@code /api/fortune}), with whole-segment variables
 * ({@code /api/items/{id}}), or a prefix ending in {@code /*} ({@code /files/*}, which also matches
 * {@code /files}). Empty segments and a trailing slash are ignored on both sides, so {@code
 * /api//fortune/} is charged like {@code /api/fortune}.
 */
final class PathPattern {
  private final String text;
  private final List<String> segments;
  private final boolean prefix;

  private PathPattern(String text, List<String> segments, boolean prefix) {
    this.text = text;
    this.segments = segments;
    this.prefix = prefix;
  }

  static PathPattern parse(String pattern) {
    Objects.requireNonNull(pattern, "pathPattern");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
    }
    boolean prefix = pattern.endsWith("/*");
    List<String> segments = split(prefix ? pattern.substring(0, pattern.length() - 2) : pattern);
    for (String segment : segments) {
      boolean bad = segment.contains("*") || segment.contains("{") || segment.contains("}");
      if (bad && !(isVariable(segment) && segment.length() > 2)) {
        throw new IllegalArgumentException("unsupported path pattern segment: " + segment);
      }
    }
    return new PathPattern(pattern, segments, prefix);
  }

  boolean matches(String path) {
    List<String> actual = split(path);
    if (prefix ? actual.size() < segments.size() : actual.size() != segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      String expected = segments.get(i);
      if (!isVariable(expected) && !expected.equals(actual.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Higher is more specific: exact paths before variables before prefixes, longer first. */
  int specificity() {
    int literals = (int) segments.stream().filter(s -> !isVariable(s)).count();
    return (prefix ? 0 : 1_000_000) + segments.size() * 1000 + literals;
  }

  /** The path in OpenAPI form: {@code /files/*} becomes {@code /files/{path}}. */
  String openApiPath() {
    String joined = segments.isEmpty() ? "" : "/" + String.join("/", segments);
    return prefix ? joined + "/{path}" : (joined.isEmpty() ? "/" : joined);
  }

  /** The variable names in {@link #openApiPath()}. */
  List<String> variables() {
    List<String> names = new ArrayList<>();
    for (String segment : segments) {
      if (isVariable(segment)) {
        names.add(segment.substring(1, segment.length() - 1));
      }
    }
    if (prefix) {
      names.add("path");
    }
    return names;
  }

  /** {@code path} without empty segments or a trailing slash: the form patterns match. */
  static String canonical(String path) {
    return "/" + String.join("/", split(path));
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static List<String> split(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPattern p && p.prefix == prefix && p.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode() * 31 + (prefix ? 1 : 0);
  }

  @Override
  public String toString() {
    return text;
  }
}
