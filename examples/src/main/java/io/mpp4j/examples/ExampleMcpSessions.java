package io.mpp4j.examples;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.mpp4j.mcp.McpPayments;
import java.util.List;
import java.util.Map;

/**
 * The example's session-paid MCP tools (draft-tempo-session-00 over
 * draft-payment-transport-mcp-00), served when the Tempo method serves sessions: {@code
 * fortune-session} at 0.01 per call and {@code lorem} taking {@code {words}} at 0.001 per word, the
 * words it wrote reported after the handler. One channel pays both; each call carries a voucher for
 * its operation's challenge.
 */
final class ExampleMcpSessions {
  static final int MAX_WORDS = 20;

  private static final List<String> LOREM =
      List.of("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit");

  private ExampleMcpSessions() {}

  static List<McpServerFeatures.SyncToolSpecification> tools(McpPayments payments) {
    return List.of(fortune(payments), lorem(payments));
  }

  private static McpServerFeatures.SyncToolSpecification fortune(McpPayments payments) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("fortune-session")
            .description("A fortune, 0.01 per call from a Tempo session channel")
            .inputSchema(Map.of("type", "object"))
            .build();
    return payments.tool(
        tool,
        McpPayments.Pricing.offers(SessionRoutes.session("0.01", "request", "A session fortune")),
        (exchange, request, paid) -> {
          String fortune = "A channel opened once pays many times.";
          return CallToolResult.builder()
              .addTextContent(fortune)
              .structuredContent(Map.of("fortune", fortune, "channel", paid.payment().reference()))
              .build();
        });
  }

  private static McpServerFeatures.SyncToolSpecification lorem(McpPayments payments) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("lorem")
            .description("Placeholder text, 0.001 per word from a Tempo session channel")
            .inputSchema(
                Map.of(
                    "type", "object",
                    "properties",
                        Map.of(
                            "words", Map.of("type", "integer", "minimum", 1, "maximum", MAX_WORDS)),
                    "required", List.of("words")))
            .build();
    return payments.tool(
        tool,
        McpPayments.Pricing.offers(
            SessionRoutes.session("0.001", "word", "Placeholder text per word")),
        (exchange, request, paid) -> {
          int words = words(request.arguments());
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(LOREM.get(i % LOREM.size()));
          }
          paid.recordUsage(words);
          return CallToolResult.builder().addTextContent(text.toString()).build();
        });
  }

  /** The {@code words} argument, 1 to {@value #MAX_WORDS}; anything else is invalid params. */
  private static int words(Map<String, Object> arguments) {
    Object value = arguments == null ? null : arguments.get("words");
    if (value instanceof Number number
        && number.doubleValue() == number.intValue()
        && number.intValue() >= 1
        && number.intValue() <= MAX_WORDS) {
      return number.intValue();
    }
    throw McpError.builder(McpPayments.INVALID_PARAMS)
        .message("words must be an integer from 1 to " + MAX_WORDS)
        .build();
  }
}
