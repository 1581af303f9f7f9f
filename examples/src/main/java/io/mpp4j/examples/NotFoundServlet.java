package io.mpp4j.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The default servlet: every unmapped path is 404 (and still passes the payment filter). */
public final class NotFoundServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonBodies.write(response, 404, JsonBodies.object().put("error", "not found"));
  }
}
