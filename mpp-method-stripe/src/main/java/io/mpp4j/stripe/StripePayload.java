package io.mpp4j.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentExceptions;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The credential payload of a Stripe charge (draft-stripe-charge-00 §Credential Schema): {@code
 * spt} (required, {@code spt_...}) and {@code externalId} (optional client reference).
 *
 * @param spt the shared payment granted token
 * @param externalId the client's echo of the request's external id, or null
 */
record StripePayload(String spt, String externalId) {
  private static final Pattern SPT = Pattern.compile("spt_[A-Za-z0-9_]{1,200}");

  StripePayload {
    Objects.requireNonNull(spt, "spt");
  }

  /**
   * Reads a payload.
   *
   * @throws PaymentExceptions.InvalidPayload when {@code spt} is missing or not a token id, or
   *     {@code externalId} is not a string
   */
  static StripePayload parse(ObjectNode payload) {
    JsonNode spt = payload.get("spt");
    if (spt == null || !spt.isTextual() || !SPT.matcher(spt.textValue()).matches()) {
      throw new PaymentExceptions.InvalidPayload(
          "payload.spt must be a Stripe shared payment token (spt_...).");
    }
    JsonNode externalId = payload.get("externalId");
    if (externalId != null && !externalId.isNull() && !externalId.isTextual()) {
      throw new PaymentExceptions.InvalidPayload("payload.externalId must be a string.");
    }
    return new StripePayload(
        spt.textValue(), externalId == null || externalId.isNull() ? null : externalId.textValue());
  }

  /**
   * Binds the payload to the server's request: when the request carries an {@code externalId}, the
   * payload must echo exactly that value. A payload {@code externalId} without one in the request
   * is ignored: attribution only ever comes from the server-bound request.
   *
   * @throws PaymentExceptions.InvalidChallenge when the echo is missing or different
   */
  void checkBoundTo(ChargeRequest request) {
    String bound = request.externalId();
    if (bound != null && !bound.equals(externalId)) {
      throw new PaymentExceptions.InvalidChallenge(
          "payload.externalId must equal the externalId of the challenge request.");
    }
  }

  /** A loggable form of a token: its first characters only. */
  static String redact(String spt) {
    return spt.length() <= 8 ? "spt_…" : spt.substring(0, 8) + "…";
  }

  @Override
  public String toString() {
    return "StripePayload[spt=" + redact(spt) + "]";
  }
}
