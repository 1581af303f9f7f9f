package io.mpp4j.examples;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers {@code TRACE} with 405 on every route: a servlet's default {@code doTrace} echoes the
 * request headers, {@code Authorization} (a payment credential) and {@code Cookie} included.
 */
final class TraceRefusal implements Filter {
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest request
        && res instanceof HttpServletResponse response
        && "TRACE".equalsIgnoreCase(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      response.sendError(405);
      return;
    }
    chain.doFilter(req, res);
  }
}
