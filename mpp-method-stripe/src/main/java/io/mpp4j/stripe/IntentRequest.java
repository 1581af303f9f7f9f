package io.mpp4j.stripe;

import java.util.Map;
import java.util.Objects;

/**
 * What the server asks Stripe to charge: everything comes from the server-bound request and the
 * method's configuration, except the token itself.
 *
 * @param amount smallest currency unit, equal to the challenge amount
 * @param currency lowercase ISO 4217 code
 * @param spt the shared payment granted token
 * @param metadata PaymentIntent metadata; copied
 * @param idempotencyKey {@code mpp_<challengeId>_<spt>}
 * @param connect Connect parameters, {@link ConnectSettings#NONE} when unused
 */
record IntentRequest(
    long amount,
    String currency,
    String spt,
    Map<String, String> metadata,
    String idempotencyKey,
    ConnectSettings connect) {

  IntentRequest {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(spt, "spt");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(connect, "connect");
  }

  /** The idempotency key Stripe deduplicates retries with. */
  static String idempotencyKey(String challengeId, String spt) {
    return "mpp_" + challengeId + "_" + spt;
  }

  @Override
  public String toString() {
    return "IntentRequest[amount="
        + amount
        + ", currency="
        + currency
        + ", spt="
        + StripePayload.redact(spt)
        + "]";
  }
}
