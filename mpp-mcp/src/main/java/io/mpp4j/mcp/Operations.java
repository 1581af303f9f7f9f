package io.mpp4j.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP operations a payment covers (draft-payment-transport-mcp-00 §"MCP Covered Operations"):
 * what scope a challenge binds for each, where its {@code _meta} is, and how a receipt is added to
 * its result.
 */
final class Operations {
  private Operations() {}

  /** One covered operation: its request type {@code Q} and result type {@code R}. */
  interface Kind<Q, R> {
    /**
     * What the challenge binds: the operation, its target and a digest of its arguments.
     *
     * @throws io.mpp4j.core.codec.CodecException when the arguments cannot be canonicalized
     */
    String scope(Q request);

    Map<String, Object> meta(Q request);

    /** The request the handler sees: {@code _meta} without the credential. */
    Q withoutCredential(Q request);

    /** The result of an action accepted without running the handler. */
    R empty();

    R withMeta(R result, Map<String, Object> meta);

    /** Whether the handler reported a failure in its result (a tool's {@code isError}). */
    boolean failed(R result);
  }

  static final Kind<CallToolRequest, CallToolResult> TOOL =
      new Kind<>() {
        @Override
        public String scope(CallToolRequest request) {
          return "tools/call " + request.name() + " " + PlainJson.digest(request.arguments());
        }

        @Override
        public Map<String, Object> meta(CallToolRequest request) {
          return request.meta();
        }

        @Override
        public CallToolRequest withoutCredential(CallToolRequest request) {
          return new CallToolRequest(request.name(), request.arguments(), strip(request.meta()));
        }

        @Override
        public CallToolResult empty() {
          return CallToolResult.builder().content(List.of()).build();
        }

        @Override
        public CallToolResult withMeta(CallToolResult result, Map<String, Object> meta) {
          return new CallToolResult(
              result.content(),
              result.isError(),
              result.structuredContent(),
              merge(result.meta(), meta));
        }

        @Override
        public boolean failed(CallToolResult result) {
          return Boolean.TRUE.equals(result.isError());
        }
      };

  static final Kind<ReadResourceRequest, ReadResourceResult> RESOURCE =
      new Kind<>() {
        @Override
        public String scope(ReadResourceRequest request) {
          return "resources/read " + request.uri();
        }

        @Override
        public Map<String, Object> meta(ReadResourceRequest request) {
          return request.meta();
        }

        @Override
        public ReadResourceRequest withoutCredential(ReadResourceRequest request) {
          return new ReadResourceRequest(request.uri(), strip(request.meta()));
        }

        @Override
        public ReadResourceResult empty() {
          return new ReadResourceResult(List.of(), null);
        }

        @Override
        public ReadResourceResult withMeta(ReadResourceResult result, Map<String, Object> meta) {
          return new ReadResourceResult(result.contents(), merge(result.meta(), meta));
        }

        @Override
        public boolean failed(ReadResourceResult result) {
          return false;
        }
      };

  static final Kind<GetPromptRequest, GetPromptResult> PROMPT =
      new Kind<>() {
        @Override
        public String scope(GetPromptRequest request) {
          return "prompts/get " + request.name() + " " + PlainJson.digest(request.arguments());
        }

        @Override
        public Map<String, Object> meta(GetPromptRequest request) {
          return request.meta();
        }

        @Override
        public GetPromptRequest withoutCredential(GetPromptRequest request) {
          return new GetPromptRequest(request.name(), request.arguments(), strip(request.meta()));
        }

        @Override
        public GetPromptResult empty() {
          return new GetPromptResult(null, List.of(), null);
        }

        @Override
        public GetPromptResult withMeta(GetPromptResult result, Map<String, Object> meta) {
          return new GetPromptResult(
              result.description(), result.messages(), merge(result.meta(), meta));
        }

        @Override
        public boolean failed(GetPromptResult result) {
          return false;
        }
      };

  private static Map<String, Object> strip(Map<String, Object> meta) {
    if (meta == null || !meta.containsKey(McpPayments.CREDENTIAL_META)) {
      return meta;
    }
    Map<String, Object> copy = new LinkedHashMap<>(meta);
    copy.remove(McpPayments.CREDENTIAL_META);
    return copy;
  }

  private static Map<String, Object> merge(Map<String, Object> meta, Map<String, Object> more) {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (meta != null) {
      merged.putAll(meta);
    }
    merged.putAll(more);
    return merged;
  }
}
