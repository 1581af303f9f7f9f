package io.mpp4j.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The conformance adapter of the MPP cross-SDK harness: one request {@code
 * {"schema":1,"op":..,"input":{..},"context":{..}}} on stdin, one response {@code
 * {"ok":true,"value":..}} or {@code {"ok":false,"error":{"type":..,"message":..}}} on stdout, exit
 * code 0, diagnostics on stderr. {@link #handle(JsonNode)} is the same entry point in-process.
 */
public final class Adapter {
  /** The protocol version this adapter speaks. */
  public static final int SCHEMA = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OperationRegistry registry;
  private final PrintStream log;

  public Adapter(OperationRegistry registry, PrintStream log) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
  }

  public static void main(String[] args) throws IOException {
    PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    String request = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    String response = new Adapter(OperationRegistry.standard(), log).handle(request);
    System.out.write((response + "\n").getBytes(StandardCharsets.UTF_8));
    System.out.flush();
  }

  /** Answers one request given as JSON text; never throws. */
  public String handle(String request) {
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(request);
    } catch (JsonProcessingException e) {
      log.println("adapter: request is not JSON");
      return write(error(ErrorTypes.UNKNOWN, "request is not valid JSON"));
    }
    return write(handle(parsed));
  }

  /** Answers one request; never throws. */
  public ObjectNode handle(JsonNode request) {
    if (request == null || !request.isObject()) {
      return error(ErrorTypes.UNKNOWN, "request must be a JSON object");
    }
    if (request.path("schema").asInt(-1) != SCHEMA) {
      return error(ErrorTypes.UNSUPPORTED, "unsupported schema " + request.get("schema"));
    }
    String op = request.path("op").asText("");
    String caseName = request.path("context").path("caseName").asText("");
    Optional<Operation> operation = registry.find(op);
    if (operation.isEmpty()) {
      log.printf("adapter: %s [%s] unsupported%n", op, caseName);
      return error(ErrorTypes.UNSUPPORTED, "operation " + op + " is not supported by mpp4j");
    }
    try {
      JsonNode value = operation.get().apply(request.get("input"));
      log.printf("adapter: %s [%s] ok%n", op, caseName);
      ObjectNode response = JsonNodeFactory.instance.objectNode().put("ok", true);
      response.set("value", value);
      return response;
    } catch (OperationException e) {
      log.printf("adapter: %s [%s] %s%n", op, caseName, e.type());
      return error(e.type(), e.getMessage());
    } catch (RuntimeException e) {
      log.printf("adapter: %s [%s] failed: %s%n", op, caseName, e.getClass().getName());
      return error(ErrorTypes.UNKNOWN, "internal error " + e.getClass().getSimpleName());
    }
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode response = JsonNodeFactory.instance.objectNode().put("ok", false);
    response.putObject("error").put("type", type).put("message", message);
    return response;
  }

  private static String write(JsonNode response) {
    try {
      return MAPPER.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }
}
