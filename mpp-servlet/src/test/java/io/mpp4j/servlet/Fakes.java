package io.mpp4j.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal servlet API stand-ins for unit tests that need no container. */
final class Fakes {
  private Fakes() {}

  static HttpServletRequest request(boolean secure, Map<String, List<String>> headers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isSecure" -> secure;
                  case "getHeaders" ->
                      Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** A context with servlets registered by class (name -> class) and real attributes. */
  static ServletContext context(Map<String, Class<?>> servlets) {
    Map<String, Object> attributes = new HashMap<>();
    Map<String, ServletRegistration> registrations = new HashMap<>();
    servlets.forEach((name, type) -> registrations.put(name, registration(name, type)));
    return (ServletContext)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletRegistrations" -> registrations;
                  case "getClassLoader" -> Fakes.class.getClassLoader();
                  case "getContextPath" -> "";
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  static FilterConfig filterConfig(ServletContext context) {
    return (FilterConfig)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {FilterConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getFilterName" -> "payment";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static ServletRegistration registration(String name, Class<?> type) {
    return (ServletRegistration)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {ServletRegistration.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getClassName" -> type.getName();
                  case "getName" -> name;
                  case "getMappings" -> Set.of("/" + name);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
