package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code request} of a {@code session} intent (draft-tempo-session-00 §"Request Schema"): the
 * price per unit in base units, the unit being priced, a suggested channel deposit, the currency
 * and the payee; the channel parameters live in {@code methodDetails}.
 *
 * @param amount price per unit in base units
 * @param unitType what one unit is ({@code llm_token}, {@code request}), or null
 * @param suggestedDeposit the deposit the server recommends in base units, or null
 * @param currency token address
 * @param recipient the payee
 * @param description display text, or null
 * @param externalId merchant reference, or null
 * @param methodDetails method-specific object, or null; copied
 * @since 0.2.0
 */
public record SessionRequest(
    BigInteger amount,
    String unitType,
    BigInteger suggestedDeposit,
    String currency,
    String recipient,
    String description,
    String externalId,
    ObjectNode methodDetails)
    implements IntentRequest {

  public SessionRequest {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    if (suggestedDeposit != null && suggestedDeposit.signum() < 0) {
      throw new IllegalArgumentException("suggestedDeposit must not be negative");
    }
    RequestFields.requireCurrency(currency);
    Objects.requireNonNull(recipient, "recipient");
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
    RequestFields.putIfPresent(json, "unitType", unitType);
    if (suggestedDeposit != null) {
      json.put("suggestedDeposit", suggestedDeposit.toString());
    }
    json.put("currency", currency);
    json.put("recipient", recipient);
    RequestFields.putIfPresent(json, "description", description);
    RequestFields.putIfPresent(json, "externalId", externalId);
    if (methodDetails != null) {
      json.set("methodDetails", methodDetails.deepCopy());
    }
    return json;
  }
}
