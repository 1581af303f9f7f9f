package io.mpp4j.spring.boot;

import io.mpp4j.servlet.RouteResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Spring MVC request mappings as discovery operations (draft-payment-discovery-00, OpenAPI paths):
 * a variable with a regular expression or a capture-all star becomes a plain one; patterns with
 * wildcards cannot be written as OpenAPI paths and are left out; a mapping without HTTP methods is
 * listed under each method it serves.
 */
final class DiscoveryPaths {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private DiscoveryPaths() {}

  static List<RouteResolver.Operation> operations(
      RequestMappingInfo info, String servletPrefix, PaidHandler handler) {
    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
    List<String> methods =
        declared.isEmpty() ? ANY_METHOD : declared.stream().map(RequestMethod::name).toList();
    List<RouteResolver.Operation> operations = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      String path = openApiPath(servletPrefix, pattern);
      if (path == null) {
        continue;
      }
      for (String method : methods) {
        if (!method.equals("HEAD") && !method.equals("OPTIONS") && !method.equals("TRACE")) {
          operations.add(
              new RouteResolver.Operation(
                  method, path, handler.advertised(), handler.pricedPerRequest()));
        }
      }
    }
    return operations;
  }

  /** The OpenAPI form of a pattern under the dispatcher's prefix, or null for wildcards. */
  static String openApiPath(String servletPrefix, String pattern) {
    String path = variablesByName(pattern);
    if (path == null || path.contains("*") || path.contains("?")) {
      return null;
    }
    String full = servletPrefix + (path.startsWith("/") ? path : "/" + path);
    return full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
  }

  /**
   * Path variables by name only (no regular expression, no capture-all star); null if malformed.
   */
  private static String variablesByName(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    int depth = 0;
    int start = -1;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{' && depth++ == 0) {
        start = i + 1;
      } else if (c == '}' && depth > 0 && --depth == 0) {
        String variable = pattern.substring(start, i);
        int colon = variable.indexOf(':');
        String name =
            (colon < 0 ? variable : variable.substring(0, colon)).replaceFirst("^\\*", "");
        if (!NAME.matcher(name).matches()) {
          return null;
        }
        out.append('{').append(name).append('}');
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return depth == 0 ? out.toString() : null;
  }
}
