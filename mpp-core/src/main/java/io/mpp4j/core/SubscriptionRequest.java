package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

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
}
