package io.mpp4j.core;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided about one request. Framework adapters write it out and never decide
 * anything themselves (draft-httpauth-payment-00 §5, §8).
 */
public sealed interface Decision {

  int status();

  /** 402 (or 400 for an unsupported method): fresh challenges and a problem body. */
  record PaymentRequired(List<String> challenges, Problem problem) implements Decision {
    public PaymentRequired {
      challenges = List.copyOf(challenges);
      if (challenges.isEmpty()) {
        throw new IllegalArgumentException("a 402 carries at least one challenge");
      }
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public int status() {
      return problem.status();
    }
  }

  /** Paid: run the handler with {@code payment}; add {@code receiptHeader} to the response. */
  record Paid(Payment payment, String receiptHeader) implements Decision {
    public Paid {
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(receiptHeader, "receiptHeader");
    }

    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * Refused without a challenge: 400 (several credentials), 403 (policy) or 503 (infrastructure
   * down; {@code retryAfterSeconds} > 0).
   */
  record Rejected(Problem problem, int retryAfterSeconds) implements Decision {
    public Rejected {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public int status() {
      return problem.status();
    }
  }
}
