package io.mpp4j.servlet;

import io.mpp4j.core.Settlement;
import jakarta.servlet.http.HttpServletRequest;

/** What the {@link PaymentGate} decided before the handler runs. */
sealed interface Admission {

  /** The gate wrote the response itself (a challenge, a refusal, a replay, the discovery). */
  record Answered() implements Admission {}

  /** Not a paid request: run the chain with {@code request} (buffered when it was read). */
  record Free(HttpServletRequest request) implements Admission {}

  /** Paid: run the chain with these, then close the settlement. */
  record Paid(HttpServletRequest request, PaidResponse response, Settlement settlement)
      implements Admission {}
}
