package io.mpp4j.examples;

import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /api/session-fortune}: a fortune for 0.01 from an open session channel. */
final class SessionFortuneServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonBodies.write(
        response,
        200,
        JsonBodies.paid(Payments.require(request))
            .put("fortune", "A channel opened once pays many times."));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }
}
