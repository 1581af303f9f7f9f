package io.mpp4j.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.RecoveryContext;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment method without a network, for tests of the engine and of transports. It serves the
 * {@code charge} intent; its payload is {@code {"token": "..."}}: any token settles once (tokens
 * are single-use), except {@code decline} (verification-failed), {@code short}
 * (payment-insufficient), {@code down} (service unavailable, nothing settled), {@code unknown...}
 * (sent, outcome unknown: {@link #settleLater} or {@link #failLater} decide what the network later
 * says), {@code reverted...} (sent, then refused) and {@code crash} (an unexpected exception).
 * Currency {@code usd} with 2 decimals.
 */
public final class FakePaymentMethod implements PaymentMethod {
  public static final String ID = "fake";

  private final AtomicInteger settlements = new AtomicInteger();
  private final java.util.Map<String, Boolean> laterOutcomes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String id;
  private final Charge charge = new Charge();

  public FakePaymentMethod() {
    this(ID);
  }

  /** A fake registered under another id (to test several methods on one route). */
  public FakePaymentMethod(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<IntentHandler<?>> handlers() {
    return List.of(charge);
  }

  /** How many payments settled. */
  public int settlements() {
    return settlements.get();
  }

  /** The network will say the {@code unknown...} payment with this token settled. */
  public void settleLater(String token) {
    laterOutcomes.put(token, true);
  }

  /** The network will say the {@code unknown...} payment with this token failed. */
  public void failLater(String token) {
    laterOutcomes.put(token, false);
  }

  private final class Charge implements IntentHandler<ChargeRequest> {
    @Override
    public Intent<ChargeRequest> intent() {
      return Intent.CHARGE;
    }

    @Override
    public ChargeRequest request(Offer offer) {
      ObjectNode details = Json.object();
      details.put("network", "test");
      return new ChargeRequest(
          offer.price().toBaseUnits(2),
          offer.currency() == null ? "usd" : offer.currency(),
          offer.recipient() == null ? "merchant" : offer.recipient(),
          offer.description(),
          offer.externalId(),
          details);
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<ChargeRequest> context) {
      String token =
          credential
              .payloadString("token")
              .orElseThrow(() -> new PaymentExceptions.InvalidPayload("payload.token is required"));
      if (token.startsWith("unknown")) {
        context.submitted(id + "_" + token, token);
        throw PaymentExceptions.ServiceUnavailable.outcomeUnknown("no answer in time", null);
      }
      if (token.startsWith("reverted")) {
        context.submitted(id + "_" + token, token);
        throw new PaymentExceptions.VerificationFailed("the payment was reverted");
      }
      switch (token) {
        case "decline" -> throw new PaymentExceptions.VerificationFailed("payment declined");
        case "short" -> throw new PaymentExceptions.PaymentInsufficient("amount too low");
        case "down" -> throw new PaymentExceptions.ServiceUnavailable("network unavailable", null);
        case "crash" -> throw new IllegalStateException("bug in a payment method");
        default -> {}
      }
      context.claimOrReject(id + "-token", token, Duration.ofHours(1));
      settlements.incrementAndGet();
      Receipt receipt = new Receipt(id, id + "_" + token, context.now());
      String externalId = context.request().externalId();
      return Verified.settled(receipt.withOptional("externalId", externalId));
    }

    @Override
    public Recovery recover(PendingPayment pending, RecoveryContext context) {
      Boolean settled = laterOutcomes.get(pending.recovery());
      if (settled == null) {
        return new Recovery.Unknown();
      }
      if (!settled) {
        return new Recovery.Failed("the network dropped it");
      }
      settlements.incrementAndGet();
      return new Recovery.Settled(new Receipt(id, pending.reference(), Instant.now()));
    }
  }

  /**
   * A client's answer to the first challenge with {@code method} among {@code challenges}: the
   * {@code Authorization} value paying it with {@code token}.
   */
  public static String pay(List<Challenge> challenges, String method, String token) {
    return PaymentHeaders.formatCredential(credential(challenges, method, token));
  }

  /** The same answer as a credential value (for transports that carry it as JSON). */
  public static Credential credential(List<Challenge> challenges, String method, String token) {
    ObjectNode payload = Json.object();
    payload.put("token", token);
    return new Credential(
        challenges.stream()
            .filter(c -> c.method().equals(method))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + method + " challenge")),
        payload,
        "did:example:payer");
  }

  /** {@link #pay} for challenges still in their {@code WWW-Authenticate} form. */
  public static String payHeaders(List<String> wwwAuthenticate, String method, String token) {
    return pay(PaymentHeaders.parseChallenges(wwwAuthenticate), method, token);
  }
}
