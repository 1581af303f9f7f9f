package io.mpp4j.core;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided about one request, as values a transport writes out: HTTP as headers and
 * problem+json, JSON-RPC as errors and {@code _meta} (draft-httpauth-payment-00 §5, §8;
 * draft-payment-transport-mcp-00 §4). Transports never decide anything themselves.
 *
 * @since 0.1.0
 */
public sealed interface Decision {

  /** The status an HTTP transport answers with. */
  int status();

  /**
   * 402 (400 for an unsupported method, 410 for a closed session channel): fresh challenges, one
   * per offer in the client's preferred order, and the problem.
   */
  record PaymentRequired(List<Challenge> challenges, Problem problem) implements Decision {
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

  /**
   * Paid: run the resource handler, send {@code settlement.receipt()}, then {@link
   * Settlement#complete} or {@link Settlement#abort} it.
   */
  record Paid(Settlement settlement) implements Decision {
    public Paid {
      Objects.requireNonNull(settlement, "settlement");
    }

    public Payment payment() {
      return settlement.payment();
    }

    public Receipt receipt() {
      return settlement.receipt();
    }

    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * A management action (a session voucher, top-up or close) was accepted: answer {@code 204} with
   * the receipt and do not run the resource handler.
   */
  record Acknowledged(Receipt receipt) implements Decision {
    public Acknowledged {
      Objects.requireNonNull(receipt, "receipt");
    }

    @Override
    public int status() {
      return 204;
    }
  }

  /**
   * A retry with a known {@code Idempotency-Key}: send the stored response again; nothing was
   * charged for this request.
   */
  record Replayed(StoredResponse response) implements Decision {
    public Replayed {
      Objects.requireNonNull(response, "response");
    }

    @Override
    public int status() {
      return response.status();
    }
  }

  /**
   * Refused without a challenge: 400 (several credentials), 403 (policy), 409 or 422 (idempotency),
   * 429 (too many vouchers on a session channel; {@code retryAfterSeconds} is then at least 1), 500
   * (a server bug, never a client's input) or 503 (infrastructure down; {@code retryAfterSeconds} >
   * 0).
   */
  record Rejected(Problem problem, int retryAfterSeconds) implements Decision {
    public Rejected {
      Objects.requireNonNull(problem, "problem");
      if (problem.status() == 429 && retryAfterSeconds < 1) {
        retryAfterSeconds = 1;
      }
    }

    @Override
    public int status() {
      return problem.status();
    }
  }
}
