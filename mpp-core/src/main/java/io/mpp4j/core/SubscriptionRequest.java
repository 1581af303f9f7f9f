package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code request} of a {@code subscription} intent (draft-payment-intent-subscription-00 §4): a
 * fixed amount per billing period of {@code periodCount} {@code periodUnit}s, the currency, and the
 * subscription's optional recipient and end.
 *
 * @param amount base units charged per period, positive
 * @param currency ISO 4217 code in lowercase, token address, or method-defined unit
 * @param periodUnit {@code day}, {@code week} or {@code month}
 * @param periodCount positive number of units per period
 * @param recipient method-native payee, or null
 * @param subscriptionExpires RFC 3339 end of the subscription, or null
 * @param description display text, or null
 * @param externalId merchant reference, or null
 * @param methodDetails method-specific object, or null; copied
 * @since 0.2.0
 */
public record SubscriptionRequest(
    BigInteger amount,
    String currency,
    String periodUnit,
    long periodCount,
    String recipient,
    String subscriptionExpires,
    String description,
    String externalId,
    ObjectNode methodDetails)
    implements IntentRequest {
  private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,77}");

  public SubscriptionRequest {
    if (Objects.requireNonNull(amount, "amount").signum() <= 0) {
      throw new IllegalArgumentException("a subscription amount is positive");
    }
    RequestFields.requireCurrency(currency);
    if (!"day".equals(periodUnit) && !"week".equals(periodUnit) && !"month".equals(periodUnit)) {
      throw new IllegalArgumentException("periodUnit is day, week or month");
    }
    if (periodCount <= 0) {
      throw new IllegalArgumentException("periodCount is positive");
    }
    methodDetails = methodDetails == null ? null : methodDetails.deepCopy();
  }

  @Override
  public ObjectNode methodDetails() {
    return methodDetails == null ? null : methodDetails.deepCopy();
  }

  /** A method detail member, if present. */
  public Optional<JsonNode> detail(String name) {
    return RequestFields.detail(methodDetails, name);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("amount", amount.toString());
    json.put("currency", currency);
    json.put("periodUnit", periodUnit);
    json.put("periodCount", Long.toString(periodCount));
    RequestFields.putIfPresent(json, "recipient", recipient);
    RequestFields.putIfPresent(json, "subscriptionExpires", subscriptionExpires);
    RequestFields.putIfPresent(json, "description", description);
    RequestFields.putIfPresent(json, "externalId", externalId);
    if (methodDetails != null) {
      json.set("methodDetails", methodDetails.deepCopy());
    }
    return json;
  }

  /**
   * Reads a subscription request from its JSON form (the decoded {@code request} of a challenge).
   *
   * @throws IllegalArgumentException when a required member is missing or malformed
   * @since 0.2.0
   */
  public static SubscriptionRequest fromJson(ObjectNode json) {
    String amount = text(json, "amount");
    String count = text(json, "periodCount");
    if (amount == null || !POSITIVE.matcher(amount).matches()) {
      throw new IllegalArgumentException("amount must be a positive base-unit integer string");
    }
    if (count == null || !POSITIVE.matcher(count).matches() || count.length() > 18) {
      throw new IllegalArgumentException("periodCount must be a positive integer string");
    }
    JsonNode details = json.get("methodDetails");
    if (details != null && !details.isObject()) {
      throw new IllegalArgumentException("methodDetails must be an object");
    }
    return new SubscriptionRequest(
        new BigInteger(amount),
        text(json, "currency"),
        text(json, "periodUnit"),
        Long.parseLong(count),
        text(json, "recipient"),
        text(json, "subscriptionExpires"),
        text(json, "description"),
        text(json, "externalId"),
        (ObjectNode) details);
  }

  private static String text(ObjectNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return value.textValue();
  }
}
