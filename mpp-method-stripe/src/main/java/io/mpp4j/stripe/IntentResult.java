package io.mpp4j.stripe;

import java.util.Objects;

/**
 * The PaymentIntent Stripe answered with.
 *
 * @param id PaymentIntent id ({@code pi_...})
 * @param status PaymentIntent status, e.g. {@code succeeded} or {@code requires_action}
 * @param amount charged amount in the smallest unit, or null when Stripe did not say
 * @param currency charged currency, or null when Stripe did not say
 * @param replayed whether Stripe marked the answer {@code Idempotent-Replayed: true}
 */
record IntentResult(String id, String status, Long amount, String currency, boolean replayed) {
  IntentResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
