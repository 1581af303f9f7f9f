package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.IntentRequest;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.ReplayRule;
import io.mpp4j.core.Secret;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code server.verify}: one credential decided by the real engine ({@link Mpp#decide}) for a route
 * that charges exactly the given realm, method, intent and request (draft-httpauth-payment-00
 * §5.2). The route's method is a stand-in whose verification succeeds with a receipt, or fails as
 * the input's {@code verificationError} says. The harness binds challenges with short secrets, so
 * the engine is keyed through {@link Secret#insecureWeakKeyForTestVectorsOnly}; the harness's
 * credentials carry no route scope, so the exchange is {@linkplain PaymentExchange.Builder#unscoped
 * unscoped}. A route {@code expires} pins the echoed expiry before the engine runs.
 */
final class ServerVerifyOperation implements Operation {
  private final Clock clock;

  ServerVerifyOperation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public JsonNode apply(JsonNode input) {
    String secretKey = Inputs.text(input, "secretKey", ErrorTypes.VERIFICATION);
    String realm = Inputs.text(input, "realm", ErrorTypes.VERIFICATION);
    String method = Inputs.text(input, "method", ErrorTypes.VERIFICATION);
    String intent = Inputs.text(input, "intent", ErrorTypes.VERIFICATION);
    RouteRequest request =
        new RouteRequest((ObjectNode) Inputs.object(input, "request", ErrorTypes.VERIFICATION));
    String routeExpires = Inputs.optionalText(input, "expires", ErrorTypes.VERIFICATION);
    String simulated = Inputs.optionalText(input, "verificationError", ErrorTypes.VERIFICATION);
    Mpp mpp;
    try {
      mpp =
          Mpp.builder()
              .realm(realm)
              .secret(Secret.insecureWeakKeyForTestVectorsOnly(secretKey))
              .clock(clock)
              .method(new RouteMethod(method, intent, request, simulated))
              .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new OperationException(ErrorTypes.VERIFICATION, e.getMessage());
    }
    String header;
    Challenge echoed;
    try {
      Credential credential = PaymentJson.credentialFromJson(input.get("credential"));
      echoed = credential.challenge();
      header = PaymentHeaders.formatCredential(credential);
    } catch (IllegalArgumentException e) {
      return refused("malformed_credential");
    }
    if (routeExpires != null && !routeExpires.equals(echoed.expires())) {
      return refused("invalid_challenge");
    }
    Decision decision =
        mpp.decide(
            PaymentExchange.builder()
                .unscoped()
                .credential(echoed.credentialHeader(), header)
                .build(),
            List.of(Offer.of(method, intent).baseUnits(0).build()));
    if (decision instanceof Decision.Paid paid) {
      ObjectNode result = JsonNodeFactory.instance.objectNode().put("ok", true);
      result.set("receipt", ReceiptOperations.toSuiteForm(paid.settlement().complete()));
      return result;
    }
    return refused(errorType(decision));
  }

  /** The harness's name for the engine's refusal. */
  private static String errorType(Decision decision) {
    ProblemType type =
        decision instanceof Decision.PaymentRequired required
            ? required.problem().type()
            : ((Decision.Rejected) decision).problem().type();
    return switch (type) {
      case MALFORMED_CREDENTIAL -> "malformed_credential";
      // the harness has no method-unsupported: a credential for another method or intent presents
      // a challenge this route did not issue
      case INVALID_CHALLENGE, METHOD_UNSUPPORTED -> "invalid_challenge";
      case PAYMENT_EXPIRED -> "payment_expired";
      case VERIFICATION_FAILED, PAYMENT_INSUFFICIENT, INVALID_PAYLOAD -> "verification_failed";
      default -> "unknown_error";
    };
  }

  private static JsonNode refused(String errorType) {
    return JsonNodeFactory.instance.objectNode().put("ok", false).put("errorType", errorType);
  }

  /** The route's request exactly as the harness gives it. */
  record RouteRequest(ObjectNode json) implements IntentRequest {
    RouteRequest {
      Objects.requireNonNull(json, "json");
      try {
        Jcs.encode(json);
      } catch (CodecException e) {
        throw new OperationException(ErrorTypes.VERIFICATION, e.getMessage());
      }
    }

    @Override
    public BigInteger amount() {
      String amount = json.path("amount").asText("0");
      return amount.matches("[0-9]{1,78}") ? new BigInteger(amount) : BigInteger.ZERO;
    }

    @Override
    public String currency() {
      return json.path("currency").asText("");
    }

    @Override
    public String externalId() {
      return json.path("externalId").isTextual() ? json.get("externalId").textValue() : null;
    }

    @Override
    public ObjectNode toJson() {
      return json.deepCopy();
    }
  }

  /** A method serving one intent with one request; verification as the harness asks. */
  private static final class RouteMethod implements PaymentMethod, IntentHandler<RouteRequest> {
    private final String id;
    private final Intent<RouteRequest> intent;
    private final RouteRequest request;
    private final String simulated;

    RouteMethod(String id, String intent, RouteRequest request, String simulated) {
      this.id = id;
      this.intent = Intent.define(intent, RouteRequest.class, ReplayRule.SINGLE_USE);
      this.request = request;
      this.simulated = simulated;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<IntentHandler<?>> handlers() {
      return List.of(this);
    }

    @Override
    public Intent<RouteRequest> intent() {
      return intent;
    }

    @Override
    public RouteRequest request(Offer offer) {
      return request;
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<RouteRequest> context) {
      if (simulated != null) {
        throw switch (simulated) {
          case "malformed_credential" ->
              new PaymentExceptions.MalformedCredential("simulated by the harness");
          case "invalid_challenge" ->
              new PaymentExceptions.InvalidChallenge("simulated by the harness");
          case "payment_expired" ->
              new PaymentExceptions.PaymentExpired("simulated by the harness");
          case "unknown_error" ->
              new PaymentExceptions.ServiceUnavailable("simulated by the harness", null);
          default -> new PaymentExceptions.VerificationFailed("simulated by the harness");
        };
      }
      String challengeId = credential.challenge().id();
      return Verified.settled(new Receipt(id, "conformance_" + challengeId, context.now()));
    }
  }
}
