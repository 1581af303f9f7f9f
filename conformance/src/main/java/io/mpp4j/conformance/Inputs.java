package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads members of an operation input, failing with the operation's own error type. */
final class Inputs {
  private Inputs() {}

  static String text(JsonNode input, String name, String errorType) {
    JsonNode value = input == null ? null : input.get(name);
    if (value == null || !value.isTextual()) {
      throw new OperationException(errorType, "input." + name + " must be a string");
    }
    return value.textValue();
  }

  static String optionalText(JsonNode input, String name, String errorType) {
    return input != null && input.hasNonNull(name) ? text(input, name, errorType) : null;
  }

  static JsonNode object(JsonNode input, String name, String errorType) {
    JsonNode value = input == null ? null : input.get(name);
    if (value == null || !value.isObject()) {
      throw new OperationException(errorType, "input." + name + " must be a JSON object");
    }
    return value;
  }
}
