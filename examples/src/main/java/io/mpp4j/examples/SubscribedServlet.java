package io.mpp4j.examples;

import io.mpp4j.core.Payment;
import io.mpp4j.servlet.Payments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/subscribed}: 1.00 per day through a Tempo subscription
 * (draft-tempo-subscription-00), offered when the Tempo method sponsors fees. The first request of
 * a period pays it; later ones in the same period are served under the same subscription without a
 * new charge.
 */
public final class SubscribedServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Payment payment = Payments.require(request);
    JsonBodies.write(
        response,
        200,
        JsonBodies.paid(payment)
            .put("subscriptionId", payment.receipt().text("subscriptionId").orElse(""))
            .put("content", "Today's subscriber note: renewals follow chain time."));
  }
}
