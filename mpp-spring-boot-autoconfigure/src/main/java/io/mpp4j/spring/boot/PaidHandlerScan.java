package io.mpp4j.spring.boot;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Payment;
import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.PaidOffers;
import io.mpp4j.servlet.PricingFunction;
import io.mpp4j.servlet.RouteResolver;
import jakarta.servlet.http.HttpServlet;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Reads every {@link Paid} of a Spring MVC application once, after the handler mappings are built:
 * the paid handler methods, their offers checked against the engine, their discovery operations,
 * and a start-up failure for any {@code @Paid} the filter could not enforce.
 */
final class PaidHandlerScan {
  record Key(Class<?> beanType, Method method) {}

  final Map<Key, PaidHandler> handlers = new HashMap<>();
  final List<RouteResolver.Operation> operations = new ArrayList<>();
  private final Set<Method> handlerMethods = new HashSet<>();
  private final Set<Class<?>> controllerTypes = new HashSet<>();
  private final ApplicationContext context;
  private final Mpp mpp;
  private final List<String> defaultMethods;
  private final String servletPrefix;

  private PaidHandlerScan(
      ApplicationContext context, Mpp mpp, List<String> defaultMethods, String servletPrefix) {
    this.context = context;
    this.mpp = mpp;
    this.defaultMethods = defaultMethods;
    this.servletPrefix = servletPrefix;
  }

  /**
   * @throws IllegalStateException naming the element when a {@code @Paid} cannot be enforced
   */
  static PaidHandlerScan of(
      ApplicationContext context,
      List<HandlerMapping> mappings,
      Mpp mpp,
      List<String> defaultMethods,
      String servletPrefix) {
    PaidHandlerScan scan = new PaidHandlerScan(context, mpp, defaultMethods, servletPrefix);
    for (HandlerMapping mapping : mappings) {
      if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
        methods.getHandlerMethods().forEach(scan::handler);
      }
    }
    scan.checkEveryAnnotationIsEnforced();
    return scan;
  }

  private void handler(Object mapping, HandlerMethod method) {
    handlerMethods.add(method.getMethod());
    controllerTypes.add(method.getBeanType());
    Paid paid = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Paid.class);
    if (paid == null) {
      paid = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Paid.class);
    }
    String where =
        ClassUtils.getQualifiedMethodName(method.getMethod(), method.getBeanType()) + "()";
    if (paid == null) {
      for (MethodParameter parameter : method.getMethodParameters()) {
        if (parameter.getParameterType() == Payment.class) {
          throw unenforceable(where, "it takes a Payment argument but is not @Paid");
        }
      }
      return;
    }
    Paid annotation = paid;
    PaidHandler handler =
        handlers.computeIfAbsent(
            new Key(method.getBeanType(), method.getMethod()), k -> create(annotation, where));
    if (mapping instanceof RequestMappingInfo info) {
      operations.addAll(DiscoveryPaths.operations(info, servletPrefix, handler));
    }
  }

  private PaidHandler create(Paid paid, String where) {
    if (!paid.pricing().isEmpty()) {
      if (!paid.price().isEmpty()
          || paid.baseUnits() >= 0
          || paid.methods().length > 0
          || !paid.currency().isEmpty()) {
        throw unenforceable(
            where, "it names pricing bean '" + paid.pricing() + "' and a fixed price or methods");
      }
      PricingFunction pricing;
      try {
        pricing = context.getBean(paid.pricing(), PricingFunction.class);
      } catch (BeansException e) {
        throw unenforceable(
            where,
            "no PricingFunction bean is named '"
                + paid.pricing()
                + "' ("
                + e.getClass().getSimpleName()
                + ")");
      }
      List<Offer> advertised = List.copyOf(pricing.advertised());
      return new PaidHandler(where, pricing, advertised, true);
    }
    List<Offer> offers;
    try {
      offers = PaidOffers.of(paid, defaultMethods, where);
      offers.forEach(mpp::request);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw unenforceable(where, e.getMessage());
    }
    return new PaidHandler(where, (request, body) -> offers, offers, false);
  }

  private void checkEveryAnnotationIsEnforced() {
    for (String name : context.getBeanDefinitionNames()) {
      Class<?> type;
      try {
        type = context.getType(name, false);
      } catch (BeansException e) {
        continue;
      }
      if (type == null) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      if (user.getName().startsWith("org.springframework.")
          || !AnnotationUtils.isCandidateClass(user, Paid.class)
          || HttpServlet.class.isAssignableFrom(user)) {
        continue;
      }
      if (AnnotatedElementUtils.hasAnnotation(user, Paid.class)
          && !controllerTypes.contains(user)) {
        throw unenforceable(
            user.getName(),
            "it is neither a Spring MVC controller with request mappings nor a servlet");
      }
      ReflectionUtils.doWithMethods(
          user,
          method -> {
            if (AnnotatedElementUtils.hasAnnotation(method, Paid.class)
                && !handlerMethods.contains(method)) {
              throw unenforceable(
                  ClassUtils.getQualifiedMethodName(method, user) + "()",
                  "it is not a request handler method (@RequestMapping, @GetMapping, ...) of a"
                      + " Spring MVC controller");
            }
          },
          ReflectionUtils.USER_DECLARED_METHODS);
    }
  }

  private static IllegalStateException unenforceable(String where, String why) {
    return new IllegalStateException(
        "@Paid on "
            + where
            + " cannot be enforced: "
            + why
            + ". A paid route is never served for"
            + " free, so the application does not start.");
  }
}
