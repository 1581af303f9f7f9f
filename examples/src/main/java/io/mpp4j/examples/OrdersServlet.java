package io.mpp4j.examples;

import io.mpp4j.servlet.Paid;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/orders}: 0.05, creates an order. Send {@code Idempotency-Key}: a retry with the
 * same key and credential gets the same order back instead of a second one.
 */
public final class OrdersServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final AtomicLong next = new AtomicLong(1000);

  @Paid(price = "0.05", description = "Places an order")
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long order = next.incrementAndGet();
    response.setHeader("Location", "/api/orders/" + order);
    JsonBodies.write(
        response, 201, JsonBodies.object().put("order", order).put("status", "created"));
  }
}
