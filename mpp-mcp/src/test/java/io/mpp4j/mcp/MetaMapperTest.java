package io.mpp4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the SDK reads messages through {@link McpPayments#jsonMapper()}. */
class MetaMapperTest {
  private static final String CREDENTIAL =
      "{\"" + McpPayments.CREDENTIAL_META + "\":{\"challenge\":{},\"payload\":{\"token\":\"t\"}}";

  @Test
  void notificationWhenCarryingCredentialThenReadWithoutItButWithTheRestOfItsMeta()
      throws Exception {
    McpSchema.JSONRPCMessage message =
        McpSchema.deserializeJsonRpcMessage(
            McpPayments.jsonMapper(),
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"fortune\","
                + "\"_meta\":"
                + CREDENTIAL
                + ",\"progressToken\":7}}}");

    assertThat(message).isInstanceOf(McpSchema.JSONRPCNotification.class);
    Map<?, ?> params = (Map<?, ?>) ((McpSchema.JSONRPCNotification) message).params();
    assertThat(params.get("name")).isEqualTo("fortune");
    assertThat(params.get("_meta")).isEqualTo(Map.of("progressToken", 7));
  }

  @Test
  void requestWhenCredentialInRootMetaThenReadIntoParamsMeta() throws Exception {
    McpSchema.JSONRPCMessage message =
        McpSchema.deserializeJsonRpcMessage(
            McpPayments.jsonMapper(),
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"fortune\",\"_meta\":{\"progressToken\":1}},\"_meta\":"
                + CREDENTIAL
                + "}}");

    Map<?, ?> meta =
        (Map<?, ?>) ((Map<?, ?>) ((McpSchema.JSONRPCRequest) message).params()).get("_meta");
    assertThat(meta.get("progressToken")).isEqualTo(1);
    assertThat(meta.get(McpPayments.CREDENTIAL_META)).isInstanceOf(Map.class);
  }

  @Test
  void requestWhenCarryingCredentialThenReadUnchanged() throws Exception {
    McpSchema.JSONRPCMessage message =
        McpSchema.deserializeJsonRpcMessage(
            McpPayments.jsonMapper(),
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"fortune\",\"_meta\":"
                + CREDENTIAL
                + "}}}");

    Map<?, ?> params = (Map<?, ?>) ((McpSchema.JSONRPCRequest) message).params();
    assertThat(((Map<?, ?>) params.get("_meta")).containsKey(McpPayments.CREDENTIAL_META)).isTrue();
  }
}
