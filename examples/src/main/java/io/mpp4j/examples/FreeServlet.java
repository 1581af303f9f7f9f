package io.mpp4j.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /free}: no annotation, so the payment filter lets it through untouched. */
public final class FreeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonBodies.write(
        response, 200, JsonBodies.object().put("message", "This one is on the house."));
  }
}
