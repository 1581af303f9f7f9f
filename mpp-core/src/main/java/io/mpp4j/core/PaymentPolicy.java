package io.mpp4j.core;

/**
 * A server rule applied to an authentic, unexpired credential before anything is settled: e.g.
 * refusing a payer by {@code source}. Throwing {@link PaymentExceptions.PolicyDenied} answers 403
 * (draft-httpauth-payment-00 §6: paid, but policy denies).
 */
@FunctionalInterface
public interface PaymentPolicy {
  /** Allows everything. */
  PaymentPolicy ALLOW_ALL = (credential, exchange) -> {};

  void check(Credential credential, PaymentExchange exchange);
}
