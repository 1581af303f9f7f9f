package io.mpp4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What a native JSON-RPC payment client does, for tests: read errors, echo challenges, pay. */
final class Wire {
  private Wire() {}

  static CallToolResult call(
      McpServerFeatures.SyncToolSpecification tool,
      Map<String, Object> arguments,
      Object credential) {
    Map<String, Object> meta =
        credential == null ? null : Map.of(McpPayments.CREDENTIAL_META, credential);
    return tool.callHandler().apply(null, new CallToolRequest(tool.tool().name(), arguments, meta));
  }

  /** The JSON-RPC error a call answers; fails the test when it answers a result. */
  static McpError refused(
      McpServerFeatures.SyncToolSpecification tool,
      Map<String, Object> arguments,
      Object credential) {
    McpError error = catchThrowableOfType(McpError.class, () -> call(tool, arguments, credential));
    assertThat(error).as("a JSON-RPC error").isNotNull();
    return error;
  }

  static int code(McpError error) {
    return error.getJsonRpcError().code();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(McpError error) {
    return (Map<String, Object>) error.getJsonRpcError().data();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> challenges(McpError error) {
    return (List<Map<String, Object>>) data(error).get("challenges");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> problem(McpError error) {
    return (Map<String, Object>) data(error).get("problem");
  }

  /** The first challenge a call without credential answers. */
  static Map<String, Object> challenge(
      McpServerFeatures.SyncToolSpecification tool, Map<String, Object> arguments) {
    return challenges(refused(tool, arguments, null)).get(0);
  }

  /** A native credential echoing {@code challenge} and paying with the fake method's token. */
  static Map<String, Object> pay(Map<String, Object> challenge, String token) {
    Map<String, Object> credential = new LinkedHashMap<>();
    credential.put("challenge", challenge);
    credential.put("payload", Map.of("token", token));
    credential.put("source", "did:example:payer");
    return credential;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> receipt(CallToolResult result) {
    assertThat(result.meta()).as("result _meta").isNotNull();
    return (Map<String, Object>) result.meta().get(McpPayments.RECEIPT_META);
  }

  /** Waits up to five seconds for events published off the request thread. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 5 seconds");
      }
      Thread.sleep(10);
    }
  }
}
