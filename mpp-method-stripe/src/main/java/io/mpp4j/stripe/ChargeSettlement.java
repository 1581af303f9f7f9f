package io.mpp4j.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies and settles one Stripe charge credential after the engine's core checks
 * (draft-stripe-charge-00 §Verification Procedure and §Settlement Procedure): payload, external id
 * binding, single-use claim of the token, one PaymentIntent, outcome.
 */
final class ChargeSettlement {
  static final String SPT_NAMESPACE = "stripe-spt";
  static final String STATUS_SUCCEEDED = "succeeded";
  static final String STATUS_REQUIRES_ACTION = "requires_action";
  static final String STATUS_PROCESSING = "processing";

  /** Resending with the same idempotency key is safe for this long (Stripe keeps keys 24 h). */
  static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(23);

  private static final System.Logger LOG = System.getLogger(StripeMethod.class.getName());

  private final IntentGateway gateway;
  private final Map<String, String> metadata;
  private final ConnectSettings connect;
  private final Duration replayTtl;

  ChargeSettlement(
      IntentGateway gateway,
      Map<String, String> metadata,
      ConnectSettings connect,
      Duration replayTtl) {
    this.gateway = gateway;
    this.metadata = Map.copyOf(metadata);
    this.connect = connect;
    this.replayTtl = replayTtl;
  }

  Receipt settle(Credential credential, VerificationContext<ChargeRequest> context) {
    StripePayload payload = StripePayload.parse(credential.payload());
    ChargeRequest request = context.request();
    payload.checkBoundTo(request);
    IntentRequest intent =
        intentRequest(
            credential.challenge().id(),
            credential.challenge().intent(),
            context.realm(),
            request,
            payload.spt());

    context.claimOrReject(SPT_NAMESPACE, payload.spt(), replayTtl);
    context.submitted(
        "mpp_" + credential.challenge().id(),
        Json.object().put("spt", payload.spt()).put("realm", context.realm()).toString());
    IntentResult result;
    try {
      result = gateway.create(intent);
    } catch (GatewayException e) {
      throw refusal(e, context, payload.spt(), credential.challenge().id());
    }
    checkOutcome(result, intent);

    Receipt receipt = new Receipt(StripeMethod.ID, result.id(), context.now());
    return request.externalId() == null
        ? receipt
        : receipt.with("externalId", request.externalId());
  }

  private IntentRequest intentRequest(
      String challengeId, String intentName, String realm, ChargeRequest request, String spt) {
    BigInteger amount = request.amount();
    if (amount.signum() <= 0 || amount.compareTo(CurrencyUnits.MAX_AMOUNT) > 0) {
      throw new IllegalStateException("the route's amount cannot be charged through Stripe");
    }
    connect.checkAgainst(amount);
    Map<String, String> intentMetadata = new LinkedHashMap<>(metadata);
    intentMetadata.put("mpp_challenge_id", challengeId);
    intentMetadata.put("mpp_intent", intentName);
    intentMetadata.put("mpp_server_id", realm);
    return new IntentRequest(
        amount.longValueExact(),
        request.currency().toLowerCase(Locale.ROOT),
        spt,
        intentMetadata,
        IntentRequest.idempotencyKey(challengeId, spt),
        connect);
  }

  /**
   * How a PaymentIntent request whose answer never arrived ended: the same request is sent again
   * with the same idempotency key, and Stripe answers with the outcome of the first one
   * (draft-stripe-charge-00 §Settlement Procedure). Stripe keeps idempotency keys for 24 hours;
   * after {@link #IDEMPOTENCY_WINDOW} the PaymentIntent is looked up by its {@code
   * mpp_challenge_id} metadata instead, so a late recovery never creates a second charge.
   */
  Recovery recover(PendingPayment pending, java.time.Clock clock) {
    ChargeRequest request;
    String spt;
    String realm;
    try {
      request = ChargeRequest.fromJson(pending.request());
      ObjectNode data = Json.parseObject(pending.recovery().getBytes(StandardCharsets.UTF_8));
      spt = data.path("spt").asText();
      realm = data.path("realm").asText();
    } catch (RuntimeException e) {
      return new Recovery.Failed("the pending payment cannot be read");
    }
    IntentRequest intent =
        intentRequest(pending.challengeId(), pending.intent(), realm, request, spt);
    boolean late = pending.since().plus(IDEMPOTENCY_WINDOW).isBefore(clock.instant());
    IntentResult result;
    try {
      if (late) {
        java.util.Optional<IntentResult> found = gateway.find(pending.challengeId(), connect);
        if (found.isEmpty()) {
          return new Recovery.Failed("Stripe holds no PaymentIntent for this payment");
        }
        result = found.get();
      } else {
        result = gateway.create(intent);
      }
    } catch (GatewayException e) {
      return switch (e.kind()) {
        case NOT_SENT, UNCERTAIN -> new Recovery.Unknown();
        default -> new Recovery.Failed("Stripe refused the payment");
      };
    }
    if (STATUS_PROCESSING.equals(result.status())) {
      return new Recovery.Unknown();
    }
    boolean matches =
        result.amount() != null
            && result.amount() == intent.amount()
            && intent.currency().equalsIgnoreCase(String.valueOf(result.currency()));
    if (!matches || !STATUS_SUCCEEDED.equals(result.status())) {
      return new Recovery.Failed("the PaymentIntent ended in status " + result.status());
    }
    Receipt receipt = new Receipt(StripeMethod.ID, result.id(), clock.instant());
    return new Recovery.Settled(receipt.withOptional("externalId", request.externalId()));
  }

  private static RuntimeException refusal(
      GatewayException e,
      VerificationContext<ChargeRequest> context,
      String spt,
      String challengeId) {
    String token = StripePayload.redact(spt);
    switch (e.kind()) {
      case NOT_SENT -> {
        context.release(SPT_NAMESPACE, spt);
        LOG.log(
            System.Logger.Level.WARNING,
            "Stripe unreachable, token {0} released: {1}",
            token,
            e.getMessage());
        return new PaymentExceptions.ServiceUnavailable(
            "The card processor is unreachable; retry later.", e);
      }
      case UNCERTAIN -> {
        LOG.log(
            System.Logger.Level.ERROR,
            "no answer from Stripe for token {0} ({1}); kept pending until a retry or the reconciler"
                + " resolves it, mpp_challenge_id={2}",
            token,
            e.getMessage(),
            challengeId);
        return PaymentExceptions.ServiceUnavailable.outcomeUnknown(
            "The card processor did not answer in time; retry with the same credential.", e);
      }
      case DECLINED -> {
        LOG.log(System.Logger.Level.INFO, "Stripe declined token {0}: {1}", token, e.getMessage());
        return new PaymentExceptions.VerificationFailed("The card payment was declined.");
      }
      default -> {
        LOG.log(
            System.Logger.Level.WARNING, "Stripe refused token {0}: {1}", token, e.getMessage());
        return new PaymentExceptions.VerificationFailed("The card payment could not be completed.");
      }
    }
  }

  private static void checkOutcome(IntentResult result, IntentRequest intent) {
    if (result.replayed()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Stripe replayed PaymentIntent {0} for token {1}; refused",
          result.id(),
          StripePayload.redact(intent.spt()));
      throw new PaymentExceptions.VerificationFailed("This payment token was already submitted.");
    }
    if (result.amount() == null
        || result.amount() != intent.amount()
        || !intent.currency().equalsIgnoreCase(String.valueOf(result.currency()))) {
      LOG.log(
          System.Logger.Level.ERROR,
          "PaymentIntent {0} does not charge {1} {2}",
          result.id(),
          intent.amount(),
          intent.currency());
      throw new PaymentExceptions.VerificationFailed("The card payment does not match the charge.");
    }
    switch (result.status()) {
      case STATUS_SUCCEEDED -> {}
      case STATUS_REQUIRES_ACTION ->
          throw new PaymentExceptions.PaymentActionRequired(
              "The card payment needs the payer's action; pay again with a new token.");
      default -> {
        LOG.log(
            System.Logger.Level.WARNING,
            "PaymentIntent {0} ended in status {1}",
            result.id(),
            result.status());
        throw new PaymentExceptions.VerificationFailed("The card payment did not complete.");
      }
    }
  }
}
