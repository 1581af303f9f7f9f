package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code request} of a {@code charge} intent (draft-payment-intent-charge-00 §4): an amount in
 * base units, a currency, and the optional recipient, description, external id and method-specific
 * details.
 *
 * @param amount base units (smallest denomination), never negative
 * @param currency ISO 4217 code in lowercase, token address, or method-defined unit
 * @param recipient method-native payee, or null
 * @param description display text, or null
 * @param externalId merchant reference, or null
 * @param methodDetails method-specific object, or null; copied
 * @since 0.1.0
 */
public record ChargeRequest(
    BigInteger amount,
    String currency,
    String recipient,
    String description,
    String externalId,
    ObjectNode methodDetails)
    implements IntentRequest {

  private static final Pattern CANONICAL_AMOUNT = Pattern.compile("0|[1-9][0-9]{0,77}");

  public ChargeRequest {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    Objects.requireNonNull(currency, "currency");
    if (currency.isEmpty()) {
      throw new IllegalArgumentException("currency must not be empty");
    }
    methodDetails = methodDetails == null ? null : methodDetails.deepCopy();
  }

  @Override
  public ObjectNode methodDetails() {
    return methodDetails == null ? null : methodDetails.deepCopy();
  }

  /** A method detail member, if present. */
  public Optional<JsonNode> detail(String name) {
    return methodDetails == null ? Optional.empty() : Optional.ofNullable(methodDetails.get(name));
  }

  /** The request as a JSON object (amount as a decimal string). */
  @Override
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("amount", amount.toString());
    json.put("currency", currency);
    if (recipient != null) {
      json.put("recipient", recipient);
    }
    if (description != null) {
      json.put("description", description);
    }
    if (externalId != null) {
      json.put("externalId", externalId);
    }
    if (methodDetails != null) {
      json.set("methodDetails", methodDetails.deepCopy());
    }
    return json;
  }

  /**
   * Reads a charge request from its JSON form.
   *
   * @throws IllegalArgumentException when a required member is missing or malformed
   */
  public static ChargeRequest fromJson(ObjectNode json) {
    String amount = text(json, "amount");
    if (amount == null || !CANONICAL_AMOUNT.matcher(amount).matches()) {
      throw new IllegalArgumentException("amount must be a base-unit integer string");
    }
    String currency = text(json, "currency");
    if (currency == null) {
      throw new IllegalArgumentException("currency is required");
    }
    JsonNode details = json.get("methodDetails");
    if (details != null && !details.isObject()) {
      throw new IllegalArgumentException("methodDetails must be an object");
    }
    return new ChargeRequest(
        new BigInteger(amount),
        currency,
        text(json, "recipient"),
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
