package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Secret;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import io.mpp4j.tempo.TempoMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example server's MCP endpoint driven by the reference client: the official MCP TypeScript
 * client wrapped by mppx's {@code McpClient}, paying on a local Tempo chain (tools/mppx-mcp.mjs).
 */
class McpEndToEndTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static ExampleServer server;

  @BeforeAll
  static void start() throws Exception {
    TempoMethod tempo = CHAIN.merchantMethod().build();
    server =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("mcp end-to-end secret of 32+ bytes"), true, false),
            List.of(tempo));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void mppxMcpClientWhenPayingInPullModeThenServedWithReceiptAndEveryBadCredentialRefused()
      throws Exception {
    JsonNode run = drive("pull");

    assertThat(run.path("tools")).extracting(JsonNode::asText).containsExactly("echo", "fortune");
    assertThat(run.path("capability").path("methods").path("tempo").path("intents").get(0).asText())
        .isEqualTo("charge");
    assertThat(run.path("echo").asText()).isEqualTo("hello");
    assertPaymentRequired(run.path("unpaid"));
    assertPaid(run);
    assertRefused(run.path("replay"), -32043, "invalid-challenge");
    assertGarbledRefused(run.path("garbled"));
    assertThat(run.path("echoAfter").asText()).isEqualTo("still serving");
    assertPaymentRequired(run.path("unpaidAfter"));
  }

  @Test
  void mppxMcpClientWhenPayingInPushModeThenServedWithReceiptAndReplayRefused() throws Exception {
    JsonNode run = drive("push");

    assertPaid(run);
    assertRefused(run.path("replay"), -32043, "invalid-challenge");
  }

  private static JsonNode drive(String mode) throws Exception {
    return MppxClient.run(
        "mppx-mcp.mjs",
        "--url",
        server.uri(ExampleMcp.PATH).toString(),
        "--rpc",
        CHAIN.rpcUrl().toString(),
        "--chain-id",
        Long.toString(LocalTempoChain.CHAIN_ID),
        "--key",
        CHAIN.freshAccount().privateKey(),
        "--mode",
        mode);
  }

  private static void assertPaymentRequired(JsonNode error) {
    assertThat(error.path("code").asInt()).as(error.toString()).isEqualTo(-32042);
    assertThat(error.path("data").path("httpStatus").asInt()).isEqualTo(402);
    JsonNode challenge = error.path("data").path("challenges").get(0);
    assertThat(challenge.path("method").asText()).isEqualTo("tempo");
    assertThat(challenge.path("request").path("amount").asText()).isEqualTo("10000");
    assertThat(error.path("data").path("problem").path("type").asText())
        .endsWith("/payment-required");
  }

  private static void assertPaid(JsonNode run) {
    JsonNode paid = run.path("paid");
    assertThat(paid.path("error").isMissingNode()).as(paid.toString()).isTrue();
    assertThat(run.path("credentialSent").asBoolean()).isTrue();
    assertThat(paid.path("content").asText())
        .isNotBlank()
        .isEqualTo(paid.path("structured").path("fortune").asText());
    JsonNode receipt = paid.path("receipt");
    assertThat(receipt.path("status").asText()).isEqualTo("success");
    assertThat(receipt.path("method").asText()).isEqualTo("tempo");
    assertThat(receipt.path("challengeId").asText()).isNotBlank();
    assertThat(receipt.path("reference").asText()).matches("0x[0-9a-f]{64}");
    assertThat(paid.path("structured").path("paid").asText())
        .isEqualTo(receipt.path("reference").asText());
    JsonNode onChain = CHAIN.rpc("eth_getTransactionReceipt", receipt.path("reference").asText());
    assertThat(onChain.path("status").asText()).isEqualTo("0x1");
  }

  private static void assertGarbledRefused(JsonNode garbled) {
    Map<String, Integer> expected =
        Map.of(
            "notAnObject", -32602,
            "noPayload", -32602,
            "base64Request", -32602,
            "forgedId", -32043,
            "cheaperRequest", -32043,
            "garbageTransaction", -32602);
    expected.forEach(
        (kind, code) ->
            assertThat(garbled.path(kind).path("code").asInt())
                .as(kind + ": " + garbled.path(kind))
                .isEqualTo(code));
    assertThat(garbled.path("forgedId").path("data").path("failure").path("reason").asText())
        .isEqualTo("invalid-challenge");
    assertThat(garbled.path("forgedId").path("data").path("challenges")).hasSize(1);
  }

  private static void assertRefused(JsonNode error, int code, String reason) {
    assertThat(error.path("code").asInt()).as(error.toString()).isEqualTo(code);
    assertThat(error.path("data").path("failure").path("reason").asText()).isEqualTo(reason);
  }
}
