package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Paid} routes of a context, read once from its servlet registrations and resolved per
 * request through the request's servlet mapping.
 */
final class AnnotatedRoutes {
  private static final System.Logger LOG = System.getLogger(AnnotatedRoutes.class.getName());
  private static final List<String> HTTP_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  /** One paid operation for the discovery document. */
  record Operation(String servletName, List<String> mappings, String httpMethod, List<Offer> offers)
      implements PaidRoute {
    @Override
    public List<Offer> offers(HttpServletRequest request, byte[] body) {
      return offers;
    }
  }

  private final Map<String, Map<String, Operation>> byServlet;

  private AnnotatedRoutes(Map<String, Map<String, Operation>> byServlet) {
    this.byServlet = byServlet;
  }

  static AnnotatedRoutes scan(ServletContext context, List<String> defaultMethods) {
    Map<String, Map<String, Operation>> byServlet = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends ServletRegistration> entry :
        context.getServletRegistrations().entrySet()) {
      ServletRegistration registration = entry.getValue();
      Class<?> type = load(context, registration.getClassName());
      if (type == null) {
        continue;
      }
      Map<String, Operation> operations = new LinkedHashMap<>();
      List<String> mappings = List.copyOf(registration.getMappings());
      paidMethods(type)
          .forEach(
              (httpMethod, paid) ->
                  operations.put(
                      httpMethod,
                      new Operation(
                          entry.getKey(),
                          mappings,
                          httpMethod,
                          PaidOffers.of(paid, defaultMethods, type.getName()))));
      if (!operations.isEmpty()) {
        byServlet.put(entry.getKey(), Map.copyOf(operations));
      }
    }
    return new AnnotatedRoutes(byServlet);
  }

  Optional<PaidRoute> resolve(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getServletName() == null) {
      return Optional.empty();
    }
    Map<String, Operation> operations = byServlet.get(mapping.getServletName());
    return operations == null
        ? Optional.empty()
        : Optional.ofNullable(operations.get(request.getMethod()));
  }

  List<Operation> operations() {
    return byServlet.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  private static Class<?> load(ServletContext context, String className) {
    if (className == null) {
      return null;
    }
    ClassLoader loader = context.getClassLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    if (loader == null) {
      loader = AnnotatedRoutes.class.getClassLoader();
    }
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot inspect servlet class {0}", className);
      return null;
    }
  }

  /** HTTP method -> annotation, method-level first, then the class for what the servlet serves. */
  static Map<String, Paid> paidMethods(Class<?> type) {
    Paid onClass = classAnnotation(type);
    boolean dispatchesItself = !HttpServlet.class.isAssignableFrom(type) || overridesService(type);
    Map<String, Paid> result = new LinkedHashMap<>();
    for (String httpMethod : HTTP_METHODS) {
      Method handler = handler(type, httpMethod);
      Paid paid = handler == null ? null : handler.getAnnotation(Paid.class);
      if (paid == null && httpMethod.equals("HEAD") && handler == null) {
        Method get = handler(type, "GET");
        paid = get == null ? null : get.getAnnotation(Paid.class);
        handler = get;
      }
      boolean served = handler != null || dispatchesItself;
      if (paid == null && onClass != null && served && !httpMethod.matches("OPTIONS|TRACE")) {
        paid = onClass;
      }
      if (paid != null) {
        result.put(httpMethod, paid);
      }
    }
    return result;
  }

  private static Paid classAnnotation(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Paid paid = c.getAnnotation(Paid.class);
      if (paid != null) {
        return paid;
      }
    }
    return null;
  }

  private static Method handler(Class<?> type, String httpMethod) {
    String name = "do" + httpMethod.charAt(0) + httpMethod.substring(1).toLowerCase(Locale.ROOT);
    for (Class<?> c = type; isApplicationClass(c); c = c.getSuperclass()) {
      try {
        return c.getDeclaredMethod(name, HttpServletRequest.class, HttpServletResponse.class);
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return null;
  }

  private static boolean overridesService(Class<?> type) {
    for (Class<?> c = type; isApplicationClass(c); c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("service", HttpServletRequest.class, HttpServletResponse.class);
        return true;
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return false;
  }

  private static boolean isApplicationClass(Class<?> c) {
    return c != null && c != HttpServlet.class && c != GenericServlet.class && c != Object.class;
  }
}
