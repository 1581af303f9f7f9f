package io.mpp4j.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Payment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The x402 v2 HTTP headers (x402-foundation/x402 {@code specs/transports-v2/http.md}) as mpp4j
 * serves them beside the {@code Payment} scheme: {@code PAYMENT-REQUIRED} (base64 JSON {@code
 * {x402Version: 2, error, resource: {url}, accepts: [...]}}), {@code PAYMENT-SIGNATURE} (the
 * client's payment payload, which echoes the requirement it accepted) and {@code PAYMENT-RESPONSE}
 * ({@code {success, transaction, network, payer}}).
 *
 * <p>Each requirement carries, in {@code extra.mpp}, the MPP challenge it pays. x402 clients echo
 * the accepted requirement verbatim, so the engine gets the challenge back and verifies it like any
 * other: HMAC id, route, price, expiry, single use. That challenge's credential header is {@value
 * #PAYMENT_SIGNATURE} (bound by its id), so a challenge issued for x402 is never accepted as a
 * native {@code Payment} credential, nor the other way round.
 *
 * @since 0.2.0
 */
public final class X402Headers {
  /** Response header of a 402: what may be paid, base64 JSON. */
  public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";

  /** Request header of a paid retry: the payment payload, base64 JSON. */
  public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";

  /** Response header of a paid request: the settlement, base64 JSON. */
  public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";

  /** The x402 protocol version served. */
  public static final int VERSION = 2;

  /** The member of a requirement's {@code extra} that carries the challenge it pays. */
  public static final String BINDING = "mpp";

  private X402Headers() {}

  /** Whether {@code challenge} is paid through the x402 headers rather than {@code Payment}. */
  public static boolean isX402(Challenge challenge) {
    return PAYMENT_SIGNATURE.equalsIgnoreCase(challenge.header());
  }

  /** A copy of {@code requirements} whose {@code extra} carries {@code challenge}. */
  public static ObjectNode bind(ObjectNode requirements, Challenge challenge) {
    ObjectNode bound = requirements.deepCopy();
    JsonNode extra = bound.get("extra");
    ObjectNode target = extra instanceof ObjectNode object ? object : bound.putObject("extra");
    ObjectNode json = target.putObject(BINDING);
    json.put("id", challenge.id());
    json.put("realm", challenge.realm());
    json.put("method", challenge.method());
    json.put("intent", challenge.intent());
    json.put("request", challenge.request());
    Json.putIfPresent(json, "expires", challenge.expires());
    Json.putIfPresent(json, "digest", challenge.digest());
    Json.putIfPresent(json, "opaque", challenge.opaque());
    return bound;
  }

  /** The {@code PAYMENT-REQUIRED} value offering {@code accepts} for {@code resourceUrl}. */
  public static String paymentRequired(List<ObjectNode> accepts, String resourceUrl, String error) {
    ObjectNode json = Json.object();
    json.put("x402Version", VERSION);
    json.put("error", error);
    json.putObject("resource").put("url", resourceUrl);
    accepts.forEach(json.putArray("accepts")::add);
    return encode(json);
  }

  /**
   * Decodes a {@code PAYMENT-SIGNATURE} value: base64 of one JSON object within the {@link Json}
   * limits, with {@code x402Version} 2 and the {@code accepted} and {@code payload} objects.
   *
   * @throws CodecException when it is not such a payment payload
   */
  public static ObjectNode decodePaymentPayload(String headerValue) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(headerValue.strip());
    } catch (IllegalArgumentException e) {
      throw new CodecException("not base64");
    }
    ObjectNode json = Json.parseObject(bytes);
    JsonNode version = json.get("x402Version");
    if (version == null || !version.isIntegralNumber() || version.asInt() != VERSION) {
      throw new CodecException("x402Version must be " + VERSION);
    }
    if (!json.path("accepted").isObject() || !json.path("payload").isObject()) {
      throw new CodecException("accepted and payload must be objects");
    }
    return json;
  }

  /**
   * The challenge an x402 payment payload pays: the one in its {@code accepted.extra.mpp}, with
   * {@value #PAYMENT_SIGNATURE} as its credential header. Unauthenticated until the engine checks
   * its id.
   *
   * @throws CodecException when the payload carries no well-formed challenge
   */
  public static Challenge challenge(ObjectNode paymentPayload) {
    JsonNode json = paymentPayload.path("accepted").path("extra").path(BINDING);
    if (!json.isObject()) {
      throw new CodecException("the accepted requirement carries no MPP challenge");
    }
    try {
      return new Challenge(
          Json.requiredText(json, "id"),
          Json.requiredText(json, "realm"),
          Json.requiredText(json, "method"),
          Json.requiredText(json, "intent"),
          Json.requiredText(json, "request"),
          Json.optionalText(json, "expires"),
          Json.optionalText(json, "digest"),
          null,
          Json.optionalText(json, "opaque"),
          PAYMENT_SIGNATURE);
    } catch (IllegalArgumentException e) {
      throw new CodecException("the MPP challenge is malformed");
    }
  }

  /**
   * The {@code PAYMENT-RESPONSE} of a settled payment: its reference as {@code transaction}, and
   * {@code network} and {@code payer} from its {@code did:pkh} source (CAIP-10 {@code
   * namespace:reference:address}); both empty when it has none.
   */
  public static String paymentResponse(Payment payment) {
    String network = "";
    String payer = "";
    String source = payment.source();
    if (source != null && source.startsWith("did:pkh:")) {
      String account = source.substring("did:pkh:".length());
      int last = account.lastIndexOf(':');
      if (last > 0) {
        network = account.substring(0, last);
        payer = account.substring(last + 1);
      }
    }
    ObjectNode json = Json.object();
    json.put("success", true);
    json.put("transaction", payment.reference());
    json.put("network", network);
    json.put("payer", payer);
    return encode(json);
  }

  /** Standard base64 (with padding) of the JSON, as x402 writes its headers. */
  public static String encode(JsonNode json) {
    return Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
  }
}
