package io.mpp4j.spring.boot;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request as a handler mapping sees it during the payment filter's lookup: attributes the
 * mapping sets stay in this wrapper (so the dispatcher later starts from a clean request), and
 * neither the body nor form parameters are read (the filter buffers the body afterwards; query
 * parameters are still visible).
 */
final class LookupRequest extends HttpServletRequestWrapper {
  private final Map<String, Object> attributes = new HashMap<>();
  private final Set<String> removed = new HashSet<>();
  private Map<String, String[]> query;

  LookupRequest(HttpServletRequest request) {
    super(request);
  }

  @Override
  public Object getAttribute(String name) {
    if (attributes.containsKey(name)) {
      return attributes.get(name);
    }
    return removed.contains(name) ? null : super.getAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
    names.removeAll(removed);
    names.addAll(attributes.keySet());
    return Collections.enumeration(names);
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    attributes.put(name, value);
    removed.remove(name);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
    removed.add(name);
  }

  @Override
  public String getParameter(String name) {
    String[] values = getParameterMap().get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = getParameterMap().get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    if (query == null) {
      query = Collections.unmodifiableMap(parse(getQueryString()));
    }
    return query;
  }

  @Override
  public ServletInputStream getInputStream() {
    throw new IllegalStateException("the payment filter's route lookup does not read the body");
  }

  @Override
  public BufferedReader getReader() {
    throw new IllegalStateException("the payment filter's route lookup does not read the body");
  }

  private static Map<String, String[]> parse(String queryString) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (queryString != null && !queryString.isEmpty()) {
      for (String pair : queryString.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
      }
    }
    Map<String, String[]> result = new LinkedHashMap<>();
    values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
    return result;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
