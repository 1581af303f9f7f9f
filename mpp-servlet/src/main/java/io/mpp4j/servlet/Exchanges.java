package io.mpp4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** Reads what the filter needs from servlet requests: the route path and the scheme. */
final class Exchanges {
  private Exchanges() {}

  /** The decoded, normalised path inside the context (servlet path plus path info). */
  static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Whether the request arrived over TLS: the connection is secure, or {@code trustForwardedProto}
   * is set and the nearest proxy's {@code X-Forwarded-Proto} entry says {@code https}.
   */
  static boolean isHttps(HttpServletRequest request, boolean trustForwardedProto) {
    if (request.isSecure()) {
      return true;
    }
    if (!trustForwardedProto) {
      return false;
    }
    List<String> values = Collections.list(request.getHeaders("X-Forwarded-Proto"));
    if (values.isEmpty()) {
      return false;
    }
    String last = values.get(values.size() - 1);
    String nearest = last.substring(last.lastIndexOf(',') + 1).trim();
    return nearest.equalsIgnoreCase("https");
  }
}
