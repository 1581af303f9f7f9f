package io.mpp4j.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.X402Scheme;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.X402Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FakePaymentMethod} that also takes x402 payments: its requirement is {@code exact} on
 * network {@code test:1} with the request's amount, currency and recipient, and its x402 payload is
 * {@code {"token": "..."}}, settled like the fake's. For tests of the engine's and the transports'
 * x402 path.
 */
public final class FakeX402Method implements PaymentMethod, X402Scheme {
  private final FakePaymentMethod fake;

  public FakeX402Method() {
    this(FakePaymentMethod.ID);
  }

  public FakeX402Method(String id) {
    this.fake = new FakePaymentMethod(id);
  }

  @Override
  public String id() {
    return fake.id();
  }

  @Override
  public List<IntentHandler<?>> handlers() {
    return fake.handlers();
  }

  /** How many payments settled. */
  public int settlements() {
    return fake.settlements();
  }

  @Override
  public Optional<ObjectNode> x402Requirements(Challenge challenge) {
    ObjectNode request = Json.parseObject(Base64Url.decode(challenge.request()));
    ObjectNode requirement = Json.object();
    requirement.put("scheme", "exact");
    requirement.put("network", "test:1");
    requirement.put("amount", request.path("amount").asText());
    requirement.put("asset", request.path("currency").asText());
    requirement.put("payTo", request.path("recipient").asText());
    requirement.put("maxTimeoutSeconds", 60);
    requirement.putObject("extra").put("name", "Fake").put("version", "1");
    return Optional.of(requirement);
  }

  @Override
  public Credential x402Credential(Challenge challenge, ObjectNode paymentPayload) {
    JsonNode token = paymentPayload.path("payload").path("token");
    if (!token.isTextual()) {
      throw new PaymentExceptions.InvalidPayload("payload.token is required");
    }
    ObjectNode payload = Json.object();
    payload.put("token", token.textValue());
    return new Credential(challenge, payload, "did:pkh:test:1:payer");
  }

  /**
   * A client's {@code PAYMENT-SIGNATURE} answering the first requirement of a {@code
   * PAYMENT-REQUIRED} value with {@code token}, echoing the requirement as x402 clients do.
   */
  public static String pay(String paymentRequired, String token) {
    ObjectNode required =
        Json.parseObject(
            Base64.getDecoder().decode(paymentRequired.getBytes(StandardCharsets.UTF_8)));
    ObjectNode payload = Json.object();
    payload.put("x402Version", 2);
    payload.set("resource", required.get("resource"));
    payload.set("accepted", required.path("accepts").get(0));
    payload.putObject("payload").put("token", token);
    return X402Headers.encode(payload);
  }

  /** The payload of an x402 {@code PAYMENT-SIGNATURE} value, for tests that alter it. */
  public static ObjectNode decode(String headerValue) {
    return Json.parseObject(Base64.getDecoder().decode(headerValue));
  }
}
