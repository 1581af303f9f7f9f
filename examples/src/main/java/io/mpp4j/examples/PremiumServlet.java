package io.mpp4j.examples;

import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /api/premium}: 0.50; a challenge for a cheaper route never pays for it. */
@Paid(price = "0.50", description = "Premium content")
public final class PremiumServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonBodies.write(
        response,
        200,
        JsonBodies.paid(Payments.require(request)).put("content", "The premium answer is 42."));
  }
}
