package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Jcs;
import java.math.BigInteger;

/**
 * The {@code request} of a challenge for one intent (draft-httpauth-payment-00 §5.1: "the
 * intent-specific payment request"): what the route asks for, as the method put it. Every intent's
 * request has an amount in base units and a currency; the rest is the intent's own. Its wire form
 * is {@code base64url(JCS(toJson()))}, the value the challenge id binds.
 *
 * @since 0.2.0
 */
public interface IntentRequest {

  /** The amount in base units: per request (charge), per unit (session) or per period. */
  BigInteger amount();

  /** ISO 4217 code in lowercase, token address, or method-defined unit. */
  String currency();

  /** The merchant reference bound into the request, or null. */
  String externalId();

  /** The request as a JSON object. */
  ObjectNode toJson();

  /** {@code base64url(JCS(request))}, the value bound into the challenge id. */
  default String toWire() {
    return Jcs.encode(toJson());
  }
}
