package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.SubscriptionRequest;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;

/**
 * The terms of one Tempo subscription challenge (draft-tempo-subscription-00 §"Request Schema"):
 * amount per period, token, recipient, chain, period in seconds, the server's access key and the
 * subscription's end. The plan key identifies what a payer subscribes to, whatever the challenge:
 * the same plan from the same payer is one subscription.
 *
 * @param expires {@code subscriptionExpires} in unix seconds
 * @param accessKey the access key's address, lowercase
 */
record SubscriptionTerms(
    BigInteger amount,
    String currency,
    String recipient,
    long chainId,
    long periodSeconds,
    String accessKey,
    long expires,
    String externalId,
    String planKey) {

  static final String SECP256K1 = "secp256k1";

  /** Seconds of {@code count} periods of {@code unit}; Tempo cannot represent months exactly. */
  static long periodSeconds(String unit, long count) {
    long seconds =
        switch (unit) {
          case "day" -> 86_400;
          case "week" -> 604_800;
          default ->
              throw new IllegalArgumentException(
                  "Tempo subscriptions bill by day or week, not by " + unit);
        };
    try {
      return Math.multiplyExact(seconds, count);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the billing period does not fit in 64 bits", e);
    }
  }

  /**
   * The terms of a challenge's request.
   *
   * @throws IllegalArgumentException when the request is not a complete Tempo subscription request
   */
  static SubscriptionTerms of(SubscriptionRequest request) {
    if (request.recipient() == null || request.subscriptionExpires() == null) {
      throw new IllegalArgumentException("recipient and subscriptionExpires are required");
    }
    JsonNode chain = request.detail("chainId").orElse(null);
    JsonNode key = request.detail("accessKey").orElse(null);
    if (chain == null || !chain.canConvertToLong() || key == null) {
      throw new IllegalArgumentException("methodDetails.chainId and accessKey are required");
    }
    if (!SECP256K1.equals(key.path("keyType").asText())) {
      throw new IllegalArgumentException("the access key must be secp256k1");
    }
    Instant expires = Timestamps.parse(request.subscriptionExpires());
    if (expires.getNano() != 0) {
      throw new IllegalArgumentException("subscriptionExpires must be whole seconds");
    }
    return new SubscriptionTerms(
        request.amount(),
        Hex.address(request.currency()),
        Hex.address(request.recipient()),
        chain.longValue(),
        periodSeconds(request.periodUnit(), request.periodCount()),
        Hex.address(key.path("accessKeyAddress").asText()),
        expires.getEpochSecond(),
        request.externalId(),
        planKey(request));
  }

  /**
   * What a payer subscribes to: amount, token, recipient, chain, period and external id (not the
   * description, the access key or the end, which differ per challenge).
   */
  static String planKey(SubscriptionRequest request) {
    ObjectNode plan = Json.object();
    plan.put("amount", request.amount().toString());
    plan.put("currency", request.currency().toLowerCase(Locale.ROOT));
    plan.put("recipient", String.valueOf(request.recipient()).toLowerCase(Locale.ROOT));
    plan.put("periodUnit", request.periodUnit());
    plan.put("periodCount", request.periodCount());
    plan.put("chainId", request.detail("chainId").map(JsonNode::asLong).orElse(0L));
    if (request.externalId() != null) {
      plan.put("externalId", request.externalId());
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Jcs.canonicalize(plan).getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
