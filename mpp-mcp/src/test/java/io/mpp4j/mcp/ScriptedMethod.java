package io.mpp4j.mcp;

import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Metering;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.ReplayRule;
import io.mpp4j.core.Usage;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** A one-intent method whose verification is a function of the credential and the time. */
record ScriptedMethod(
    String id, String intentName, BiFunction<Credential, Instant, Verified> verification)
    implements PaymentMethod {
  @Override
  public List<IntentHandler<?>> handlers() {
    Intent<ChargeRequest> intent =
        Intent.define(intentName, ChargeRequest.class, ReplayRule.SINGLE_USE);
    return List.of(
        new IntentHandler<ChargeRequest>() {
          @Override
          public Intent<ChargeRequest> intent() {
            return intent;
          }

          @Override
          public ChargeRequest request(Offer offer) {
            return new ChargeRequest(
                offer.price().toBaseUnits(6), "usd", "merchant", null, null, null);
          }

          @Override
          public Verified verify(
              Credential credential, VerificationContext<ChargeRequest> context) {
            return verification.apply(credential, context.now());
          }
        });
  }

  /** A method that charges what the handler consumed, after it returns. */
  static PaymentMethod metered() {
    return new ScriptedMethod(
        "meterer",
        "metered",
        (credential, now) -> {
          Receipt reserved =
              new Receipt(
                  "meterer", "meter_" + credential.payloadString("token").orElseThrow(), now);
          return Verified.metered(
              reserved,
              new Metering() {
                @Override
                public Receipt complete(Usage usage) {
                  return reserved.with("units", usage.units());
                }

                @Override
                public void abort(Throwable cause) {}
              });
        });
  }

  /** A method whose credentials are management actions: accepted, the handler not run. */
  static PaymentMethod acknowledging() {
    return new ScriptedMethod(
        "acker",
        "ack",
        (credential, now) ->
            Verified.acknowledged(
                new Receipt(
                    "acker", "ack_" + credential.payloadString("token").orElseThrow(), now)));
  }
}
