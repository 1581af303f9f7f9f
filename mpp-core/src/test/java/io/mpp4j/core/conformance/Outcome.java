package io.mpp4j.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of one conformance operation: a value, or an error of one of the types the operation
 * registry allows ({@code parse_error}, {@code format_error}, ...).
 *
 * @param value the operation's value when it succeeded, else null
 * @param errorType the error type when it failed, else null
 * @param message the error message when it failed, else null
 */
public record Outcome(JsonNode value, String errorType, String message) {

  public static Outcome ok(JsonNode value) {
    return new Outcome(value, null, null);
  }

  public static Outcome error(String type, String message) {
    return new Outcome(null, type, message);
  }

  public boolean isOk() {
    return errorType == null;
  }

  @Override
  public String toString() {
    return isOk() ? "ok " + value : "error " + errorType + ": " + message;
  }
}
