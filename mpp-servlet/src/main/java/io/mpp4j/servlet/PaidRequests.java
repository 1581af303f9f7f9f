package io.mpp4j.servlet;

import io.mpp4j.core.PaymentException;
import io.mpp4j.core.Served;
import io.mpp4j.core.StoredResponse;
import io.mpp4j.core.Usage;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Runs the handler of a paid request and closes its settlement: when the handler returns, or for an
 * async request when it completes, errors or times out (draft-httpauth-payment-00 §5.3).
 */
final class PaidRequests {
  private static final System.Logger LOG = System.getLogger(PaidRequests.class.getName());

  private PaidRequests() {}

  static void run(Admission.Paid paid, FilterChain chain) throws IOException, ServletException {
    try {
      chain.doFilter(paid.request(), paid.response());
    } catch (IOException | ServletException | RuntimeException | Error e) {
      paid.settlement().abort(e);
      throw e;
    }
    if (paid.request().isAsyncStarted()) {
      paid.request().getAsyncContext().addListener(new Completion(paid));
    } else {
      complete(paid);
    }
  }

  private static void complete(Admission.Paid paid) {
    PaidResponse response = paid.response();
    int status = response.getStatus();
    Served served =
        Served.status(status).usage(Usage.units(Payments.recordedUsage(paid.request())));
    byte[] body = response.capturedBody();
    if (body != null) {
      served = served.replayable(new StoredResponse(status, response.replayableHeaders(), body));
    }
    try {
      paid.settlement().complete(served);
    } catch (PaymentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "usage of a paid request could not be charged: {0}",
          e.type().slug());
    }
  }

  /** Closes the settlement of an async request. */
  private static final class Completion implements AsyncListener {
    private final Admission.Paid paid;

    Completion(Admission.Paid paid) {
      this.paid = paid;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      complete(paid);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      paid.settlement().abort(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
      paid.settlement().abort(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }
}
