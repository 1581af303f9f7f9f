package io.mpp4j.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment method without a network, for tests of the engine and of framework adapters. Its
 * payload is {@code {"token": "..."}}: any token settles once (tokens are single-use), except
 * {@code decline} (verification-failed), {@code short} (payment-insufficient), {@code down}
 * (service unavailable, nothing settled) and {@code unknown} (service unavailable, outcome
 * unknown). Currency {@code usd} with 2 decimals.
 */
public final class FakePaymentMethod implements PaymentMethod {
  public static final String ID = "fake";

  private final AtomicInteger settlements = new AtomicInteger();
  private final String id;

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
  public Receipt verify(Credential credential, VerificationContext context) {
    String token =
        credential
            .payloadString("token")
            .orElseThrow(() -> new PaymentExceptions.InvalidPayload("payload.token is required"));
    switch (token) {
      case "decline" -> throw new PaymentExceptions.VerificationFailed("payment declined");
      case "short" -> throw new PaymentExceptions.PaymentInsufficient("amount too low");
      case "down" -> throw new PaymentExceptions.ServiceUnavailable("network unavailable", null);
      case "unknown" ->
          throw PaymentExceptions.ServiceUnavailable.outcomeUnknown("no answer in time", null);
      default -> {}
    }
    context.claimOrReject(id + "-token", token, Duration.ofHours(1));
    settlements.incrementAndGet();
    Receipt receipt = new Receipt(id, id + "_" + token, context.now());
    String externalId = context.request().externalId();
    return externalId == null ? receipt : receipt.with("externalId", externalId);
  }

  /** How many payments settled. */
  public int settlements() {
    return settlements.get();
  }

  /**
   * A client's answer to the first {@code Payment} challenge with this method's id among {@code
   * wwwAuthenticate}: the {@code Authorization} value paying it with {@code token}.
   */
  public static String pay(List<String> wwwAuthenticate, String method, String token) {
    ObjectNode payload = Json.object();
    payload.put("token", token);
    return PaymentHeaders.formatCredential(
        new Credential(
            PaymentHeaders.parseChallenges(wwwAuthenticate).stream()
                .filter(c -> c.method().equals(method))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " challenge")),
            payload,
            "did:example:payer"));
  }
}
