package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;
import io.mpp4j.core.codec.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code server.verify}: checks one credential against a route's realm, secret, method, intent and
 * request in the order the engine uses (draft-httpauth-payment-00 §5.2): decode ({@code
 * malformed_credential}), HMAC id ({@code invalid_challenge}), pinned realm, method, intent,
 * request and expiry ({@code invalid_challenge}), expiry in the past ({@code payment_expired}),
 * then the payment method, simulated by {@code verificationError}. A secret under 32 bytes is
 * refused with {@code verification_error}: mpp4j never binds challenges with a weaker key.
 */
final class ServerVerifyOperation implements Operation {
  /** Largest {@code Authorization} value the engine accepts by default. */
  static final int MAX_CREDENTIAL_BYTES = 16 * 1024;

  private static final Set<String> RESULT_ERRORS =
      Set.of(
          "malformed_credential",
          "invalid_challenge",
          "payment_expired",
          "verification_failed",
          "unknown_error");

  private final Clock clock;

  ServerVerifyOperation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public JsonNode apply(JsonNode input) {
    ChallengeBinding binding = binding(Inputs.text(input, "secretKey", ErrorTypes.VERIFICATION));
    String realm = Inputs.text(input, "realm", ErrorTypes.VERIFICATION);
    String method = Inputs.text(input, "method", ErrorTypes.VERIFICATION);
    String intent = Inputs.text(input, "intent", ErrorTypes.VERIFICATION);
    String request = routeRequest(Inputs.object(input, "request", ErrorTypes.VERIFICATION));
    String routeExpires = Inputs.optionalText(input, "expires", ErrorTypes.VERIFICATION);
    String simulatedFailure =
        Inputs.optionalText(input, "verificationError", ErrorTypes.VERIFICATION);

    Credential credential;
    try {
      String header =
          PaymentHeaders.formatCredential(PaymentJson.credentialFromJson(input.get("credential")));
      if (header.length() > MAX_CREDENTIAL_BYTES) {
        return refused("malformed_credential");
      }
      credential = PaymentHeaders.parseCredential(header);
    } catch (CodecException e) {
      return refused("malformed_credential");
    }
    Challenge echoed = credential.challenge();
    if (!binding.verify(echoed)) {
      return refused("invalid_challenge");
    }
    boolean pinned =
        echoed.realm().equals(realm)
            && echoed.isFor(method, intent)
            && echoed.request().equals(request)
            && (routeExpires == null || routeExpires.equals(echoed.expires()));
    if (!pinned || echoed.expires() == null) {
      return refused("invalid_challenge");
    }
    Instant expires;
    try {
      expires = Timestamps.parse(echoed.expires());
    } catch (DateTimeParseException e) {
      return refused("invalid_challenge");
    }
    if (!clock.instant().isBefore(expires)) {
      return refused("payment_expired");
    }
    if (simulatedFailure != null) {
      return refused(
          RESULT_ERRORS.contains(simulatedFailure) ? simulatedFailure : "verification_failed");
    }
    Receipt receipt = new Receipt(method, "conformance_" + echoed.id(), clock.instant());
    ObjectNode result = JsonNodeFactory.instance.objectNode().put("ok", true);
    result.set("receipt", ReceiptOperations.toSuiteForm(receipt));
    return result;
  }

  private static ChallengeBinding binding(String secretKey) {
    try {
      return ChallengeBinding.of(Secret.of(secretKey), List.of());
    } catch (IllegalArgumentException e) {
      throw new OperationException(
          ErrorTypes.VERIFICATION,
          "secretKey is shorter than 32 bytes; mpp4j refuses weaker challenge-binding secrets");
    }
  }

  private static String routeRequest(JsonNode request) {
    try {
      return Jcs.encode(request);
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.VERIFICATION, e.getMessage());
    }
  }

  private static JsonNode refused(String errorType) {
    return JsonNodeFactory.instance.objectNode().put("ok", false).put("errorType", errorType);
  }
}
