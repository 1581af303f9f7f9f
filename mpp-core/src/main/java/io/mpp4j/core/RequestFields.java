package io.mpp4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/** Member helpers shared by the intent request records. */
final class RequestFields {
  private RequestFields() {}

  static void requireCurrency(String currency) {
    if (Objects.requireNonNull(currency, "currency").isEmpty()) {
      throw new IllegalArgumentException("currency must not be empty");
    }
  }

  static Optional<JsonNode> detail(ObjectNode methodDetails, String name) {
    return methodDetails == null ? Optional.empty() : Optional.ofNullable(methodDetails.get(name));
  }

  static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
