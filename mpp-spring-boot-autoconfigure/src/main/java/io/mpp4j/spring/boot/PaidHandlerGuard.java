package io.mpp4j.spring.boot;

import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The dispatcher's last check before a paid controller method runs: the payment filter must have
 * resolved this very handler for the request and either charged it or let its pricing make it free.
 * A request that reached the handler another way (a forward, a filter that was unmapped, a routing
 * condition only the dispatcher could see) is refused with 500, never served for free.
 */
final class PaidHandlerGuard implements HandlerInterceptor {
  private static final System.Logger LOG = System.getLogger(PaidHandlerGuard.class.getName());
  private static final byte[] PROBLEM =
      ("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
              + "\"detail\":\"The payment could not be processed.\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final MvcRouteResolver resolver;

  PaidHandlerGuard(MvcRouteResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    PaidHandler paid = resolver.paidHandler(method);
    if (paid == null) {
      return true;
    }
    boolean resolved = request.getAttribute(PaidHandler.RESOLVED) == paid;
    if (resolved
        && (Payments.current(request).isPresent()
            || request.getAttribute(PaidHandler.FREE) == paid)) {
      return true;
    }
    LOG.log(
        System.Logger.Level.ERROR,
        "{0} was reached without the payment the filter asked for ({1}); refused",
        paid.where(),
        resolved ? "not paid" : "the filter did not resolve this handler");
    if (!response.isCommitted()) {
      response.reset();
      response.setStatus(500);
      response.setContentType("application/problem+json");
      response.setContentLength(PROBLEM.length);
      response.getOutputStream().write(PROBLEM);
    }
    return false;
  }
}
