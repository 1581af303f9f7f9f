package io.mpp4j.spring.boot;

import io.mpp4j.servlet.PaymentFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The {@link PaymentFilter} as the starter registers it: the container creates and initialises
 * filters before the application's beans exist, so the payment filter itself is built and
 * initialised once every singleton is ready (its handler mappings included), before the server
 * accepts requests. A failure there (an unenforceable {@code @Paid}, an invalid price) fails the
 * start-up. A request arriving earlier is refused with 503.
 */
final class DeferredPaymentFilter implements Filter, SmartInitializingSingleton {
  private final Supplier<PaymentFilter> factory;
  private final Supplier<ServletContext> servletContext;
  private volatile FilterConfig config;
  private volatile PaymentFilter delegate;

  DeferredPaymentFilter(Supplier<PaymentFilter> factory, Supplier<ServletContext> servletContext) {
    this.factory = factory;
    this.servletContext = servletContext;
  }

  @Override
  public void init(FilterConfig filterConfig) {
    this.config = filterConfig;
  }

  @Override
  public void afterSingletonsInstantiated() {
    PaymentFilter filter = factory.get();
    FilterConfig filterConfig = config != null ? config : new ContextConfig(servletContext.get());
    try {
      filter.init(filterConfig);
    } catch (ServletException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    delegate = filter;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    PaymentFilter filter = delegate;
    if (filter != null) {
      filter.doFilter(request, response, chain);
    } else if (response instanceof HttpServletResponse http) {
      http.setHeader("Retry-After", "1");
      http.sendError(503);
    }
  }

  @Override
  public void destroy() {
    PaymentFilter filter = delegate;
    if (filter != null) {
      filter.destroy();
    }
  }

  /** The configuration of a filter the container has not initialised (a mock servlet context). */
  private record ContextConfig(ServletContext context) implements FilterConfig {
    @Override
    public String getFilterName() {
      return MppAutoConfiguration.FILTER_NAME;
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }

    @Override
    public String getInitParameter(String name) {
      return null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
      return Collections.emptyEnumeration();
    }
  }
}
