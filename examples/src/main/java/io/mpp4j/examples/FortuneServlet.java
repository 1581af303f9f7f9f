package io.mpp4j.examples;

import io.mpp4j.core.Payment;
import io.mpp4j.servlet.Paid;
import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code GET /api/fortune}: 0.01 of the currency, through every configured method. */
@Paid(price = "0.01", description = "A fortune")
public final class FortuneServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final List<String> FORTUNES =
      List.of(
          "A paid request is a happy request.",
          "Your next 402 will be answered promptly.",
          "Fortune favours the well-formed credential.",
          "A receipt is worth a thousand promises.");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Payment payment = Payments.require(request);
    JsonBodies.write(response, 200, JsonBodies.paid(payment).put("fortune", next()));
  }

  /** A random fortune (also served by the MCP {@code fortune} tool). */
  static String next() {
    return FORTUNES.get(ThreadLocalRandom.current().nextInt(FORTUNES.size()));
  }
}
