package io.mpp4j.servlet;

import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The servlet mappings of a context, resolved as the container resolves them (Jakarta Servlet 6.0
 * §12.1: exact, longest path prefix, extension, default), so that a {@link RouteTable} route is
 * charged only when the request reaches the servlet its path is mapped to: {@code
 * /api/search/?q=a}, which the container sends to the default servlet, is not charged as {@code
 * /api/search}.
 */
final class ServletMappings {
  private final Map<String, String> exact;
  private final Map<String, String> prefixes;
  private final Map<String, String> extensions;
  private final String defaultServlet;

  private ServletMappings(
      Map<String, String> exact,
      Map<String, String> prefixes,
      Map<String, String> extensions,
      String defaultServlet) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.extensions = extensions;
    this.defaultServlet = defaultServlet;
  }

  static ServletMappings of(Map<String, ? extends ServletRegistration> registrations) {
    Map<String, String> exact = new HashMap<>();
    Map<String, String> prefixes = new HashMap<>();
    Map<String, String> extensions = new HashMap<>();
    String defaultServlet = null;
    for (Map.Entry<String, ? extends ServletRegistration> entry : registrations.entrySet()) {
      Collection<String> mappings = entry.getValue().getMappings();
      for (String mapping : mappings == null ? java.util.List.<String>of() : mappings) {
        if (mapping.equals("/")) {
          defaultServlet = entry.getKey();
        } else if (mapping.isEmpty()) {
          exact.put("/", entry.getKey());
        } else if (mapping.endsWith("/*")) {
          prefixes.put(mapping.substring(0, mapping.length() - 2), entry.getKey());
        } else if (mapping.startsWith("*.")) {
          extensions.put(mapping.substring(1), entry.getKey());
        } else {
          exact.put(mapping, entry.getKey());
        }
      }
    }
    return new ServletMappings(
        Map.copyOf(exact), Map.copyOf(prefixes), Map.copyOf(extensions), defaultServlet);
  }

  /**
   * Whether the servlet the container chose for {@code request} is the one {@code routePath} maps
   * to; true when either is unknown (fail closed: the route is charged).
   */
  boolean reachesRoute(HttpServletRequest request, String routePath) {
    HttpServletMapping actual = request.getHttpServletMapping();
    if (actual == null || actual.getServletName() == null) {
      return true;
    }
    return servletFor(routePath).map(actual.getServletName()::equals).orElse(true);
  }

  /** The servlet a context-relative path is mapped to. */
  Optional<String> servletFor(String path) {
    String servlet = exact.get(path);
    if (servlet != null) {
      return Optional.of(servlet);
    }
    for (String prefix = path; !prefix.isEmpty(); prefix = parent(prefix)) {
      servlet = prefixes.get(prefix);
      if (servlet != null) {
        return Optional.of(servlet);
      }
    }
    servlet = prefixes.get("");
    if (servlet != null) {
      return Optional.of(servlet);
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    if (dot >= 0) {
      servlet = extensions.get(last.substring(dot));
      if (servlet != null) {
        return Optional.of(servlet);
      }
    }
    return Optional.ofNullable(defaultServlet);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "" : path.substring(0, slash);
  }
}
