package io.mpp4j.spring.boot;

import io.mpp4j.core.Mpp;
import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.PricingFunction;
import io.mpp4j.servlet.RouteResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Resolves {@link Paid} controller methods through Spring MVC's own handler mappings, in the order
 * the {@link DispatcherServlet} asks them, so path variables, HTTP methods and every other mapping
 * condition decide as they will for the dispatcher (draft-httpauth-payment-00 §5). Requests to
 * other servlets are left to the filter's servlet annotations.
 */
final class MvcRouteResolver implements RouteResolver {
  private volatile List<HandlerMapping> mappings = List.of();
  private volatile Map<PaidHandlerScan.Key, PaidHandler> handlers = Map.of();
  private volatile List<Operation> operations = List.of();
  private volatile Set<String> dispatcherServlets;

  /**
   * Reads the handler mappings and every {@code @Paid}.
   *
   * @throws IllegalStateException naming an annotation the filter cannot enforce
   */
  void initialise(
      ApplicationContext context, Mpp mpp, List<String> defaultMethods, String servletPrefix) {
    List<HandlerMapping> found =
        new ArrayList<>(
            BeanFactoryUtils.beansOfTypeIncludingAncestors(
                    context, HandlerMapping.class, true, false)
                .values());
    AnnotationAwareOrderComparator.sort(found);
    PaidHandlerScan scan = PaidHandlerScan.of(context, found, mpp, defaultMethods, servletPrefix);
    mappings = List.copyOf(found);
    handlers = Map.copyOf(scan.handlers);
    operations = List.copyOf(scan.operations);
  }

  @Override
  public Optional<PricingFunction> resolve(HttpServletRequest request) {
    if (handlers.isEmpty() || !reachesDispatcher(request)) {
      return Optional.empty();
    }
    PaidHandler handler = paidHandler(lookup(request));
    if (handler == null) {
      return Optional.empty();
    }
    request.setAttribute(PaidHandler.RESOLVED, handler);
    return Optional.of(handler.markingFree());
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  /** The paid handler behind {@code method}, or null when it is free. */
  PaidHandler paidHandler(HandlerMethod method) {
    return method == null
        ? null
        : handlers.get(new PaidHandlerScan.Key(method.getBeanType(), method.getMethod()));
  }

  private HandlerMethod lookup(HttpServletRequest request) {
    LookupRequest lookup = new LookupRequest(request);
    for (HandlerMapping mapping : mappings) {
      HandlerExecutionChain chain;
      try {
        chain = mapping.getHandler(lookup);
      } catch (Exception e) {
        // the dispatcher fails the same way (405, 406, 415, ...): no handler runs
        return null;
      }
      if (chain != null) {
        return chain.getHandler() instanceof HandlerMethod method ? method : null;
      }
    }
    return null;
  }

  /** False only when the container sends the request to a servlet that is not a dispatcher. */
  private boolean reachesDispatcher(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    String servlet = mapping == null ? null : mapping.getServletName();
    if (servlet == null || servlet.isEmpty()) {
      return true;
    }
    Set<String> dispatchers = dispatcherServlets;
    if (dispatchers == null) {
      dispatchers = dispatcherServletNames(request.getServletContext());
      dispatcherServlets = dispatchers;
    }
    return dispatchers.isEmpty() || dispatchers.contains(servlet);
  }

  private static Set<String> dispatcherServletNames(ServletContext context) {
    Map<String, ? extends ServletRegistration> registrations = context.getServletRegistrations();
    return registrations.entrySet().stream()
        .filter(entry -> isDispatcher(entry.getValue().getClassName(), context))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean isDispatcher(String className, ServletContext context) {
    if (className == null) {
      return false;
    }
    try {
      ClassLoader loader = context.getClassLoader();
      Class<?> type =
          Class.forName(
              className, false, loader != null ? loader : MvcRouteResolver.class.getClassLoader());
      return DispatcherServlet.class.isAssignableFrom(type);
    } catch (ClassNotFoundException | LinkageError e) {
      return true;
    }
  }
}
