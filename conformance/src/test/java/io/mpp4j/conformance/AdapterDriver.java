package io.mpp4j.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.conformance.ConformanceDriver;
import io.mpp4j.core.conformance.Outcome;
import java.io.UncheckedIOException;

/**
 * Runs conformance operations through the adapter's text entry point, exactly as the harness would
 * over stdin/stdout, minus the process.
 */
final class AdapterDriver implements ConformanceDriver {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final Adapter adapter;

  AdapterDriver(Adapter adapter) {
    this.adapter = adapter;
  }

  @Override
  public Outcome call(String operation, JsonNode input) {
    ObjectNode request = MAPPER.createObjectNode().put("schema", 1).put("op", operation);
    request.set("input", input);
    request.putObject("context").put("caseName", operation);
    JsonNode response = respond(request);
    if (response.path("ok").asBoolean(false)) {
      if (!response.has("value")) {
        throw new AssertionError("ok response without value: " + response);
      }
      return Outcome.ok(response.get("value"));
    }
    JsonNode error = response.path("error");
    if (!error.path("type").isTextual() || !error.path("message").isTextual()) {
      throw new AssertionError("error response without type and message: " + response);
    }
    return Outcome.error(error.get("type").textValue(), error.get("message").textValue());
  }

  JsonNode respond(JsonNode request) {
    try {
      return MAPPER.readTree(adapter.handle(MAPPER.writeValueAsString(request)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
