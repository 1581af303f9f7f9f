package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Secret;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.tempo.LocalEscrow;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxClient;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example server's session-paid MCP tools on a local chain with the project's escrow, paid by
 * the reference client: the official MCP TypeScript client wrapped by mppx's {@code McpClient} with
 * mppx's v1 session method (tools/mppx-mcp-session.mjs). Two instances share one store; the client
 * pays on the first and its replays go to the second.
 */
class McpSessionEndToEndTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final long FORTUNE = 10_000;
  private static final long WORD = 1_000;

  private static final List<ExampleServer> servers = new ArrayList<>();
  private static String escrow;

  @BeforeAll
  static void start() throws Exception {
    escrow = LocalEscrow.install(CHAIN);
    MemoryStore shared = new MemoryStore();
    for (int i = 0; i < 2; i++) {
      servers.add(
          ExampleServer.start(
              new ExampleServer.Config(
                  0,
                  "localhost",
                  Secret.of("mcp session end-to-end secret, 32+ bytes"),
                  true,
                  false),
              SessionEndToEndTest.methods(CHAIN, escrow),
              shared));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ExampleServer server : servers) {
      server.close();
    }
  }

  @Test
  void mppxMcpClientWhenPayingToolsFromOneChannelThenEachCallPaidOnceAndPayeeGetsWhatWasSpent()
      throws Exception {
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());

    JsonNode run = drive();

    assertThat(run.path("tools"))
        .extracting(JsonNode::asText)
        .containsExactly("echo", "fortune", "fortune-session", "lorem");
    assertThat(run.path("capability").path("methods").path("tempo").path("intents").toString())
        .contains("\"session\"");
    assertSessionChallenge(run.path("unpaid"));
    String channelId = assertFortunes(run.path("fortunes"));
    assertPaidReceipt(run.path("loremAuto"), channelId, 3 * FORTUNE + 2 * WORD, 2);
    assertThat(run.path("loremAuto").path("content").asText()).isEqualTo("lorem ipsum");
    assertPaidReceipt(run.path("loremVoucher"), channelId, 3 * FORTUNE + 5 * WORD, 3);
    assertRefused(run.path("replaySame"), "session/insufficient-balance");
    assertRefused(run.path("lower"), "verification-failed");
    assertRefused(run.path("otherArguments"), "invalid-challenge");

    long spent = 3 * FORTUNE + 5 * WORD;
    JsonNode close = run.path("close");
    assertThat(close.path("error").isMissingNode()).as(close.toString()).isTrue();
    assertThat(close.path("contentCount").asInt()).isZero();
    assertThat(close.path("receipt").path("intent").asText()).isEqualTo("session");
    assertThat(close.path("receipt").path("spent").asText()).isEqualTo(Long.toString(spent));
    assertThat(close.path("receipt").path("txHash").asText()).matches("0x[0-9a-f]{64}");
    BigInteger after = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
    assertThat(after.subtract(before)).isEqualTo(BigInteger.valueOf(spent));
    assertCredentialsSent(run.path("sent"));
  }

  private static JsonNode drive() throws Exception {
    return MppxClient.run(
        "mppx-mcp-session.mjs",
        "--url",
        servers.get(0).uri(ExampleMcp.PATH).toString(),
        "--replay-url",
        servers.get(1).uri(ExampleMcp.PATH).toString(),
        "--rpc",
        CHAIN.rpcUrl().toString(),
        "--chain-id",
        Long.toString(LocalTempoChain.CHAIN_ID),
        "--key",
        CHAIN.freshAccount().privateKey(),
        "--escrow",
        escrow,
        "--max-deposit",
        "1");
  }

  private static void assertSessionChallenge(JsonNode error) {
    assertThat(error.path("code").asInt()).as(error.toString()).isEqualTo(-32042);
    JsonNode challenge = error.path("data").path("challenges").get(0);
    assertThat(challenge.path("intent").asText()).isEqualTo("session");
    JsonNode request = challenge.path("request");
    assertThat(request.path("amount").asText()).isEqualTo(Long.toString(FORTUNE));
    assertThat(request.path("unitType").asText()).isEqualTo("request");
    assertThat(request.path("methodDetails").path("escrowContract").asText())
        .isEqualToIgnoringCase(escrow);
  }

  /** Three fortunes from one channel: the first opens it, each raises the spent amount once. */
  private static String assertFortunes(JsonNode fortunes) {
    assertThat(fortunes).hasSize(3);
    String channelId = fortunes.get(0).path("receipt").path("channelId").asText();
    assertThat(channelId).matches("0x[0-9a-f]{64}");
    for (int i = 0; i < 3; i++) {
      JsonNode fortune = fortunes.get(i);
      assertThat(fortune.path("content").asText()).as(fortune.toString()).isNotBlank();
      assertThat(fortune.path("structured").path("channel").asText()).isEqualTo(channelId);
      assertPaidReceipt(fortune, channelId, (i + 1) * FORTUNE, 1);
    }
    return channelId;
  }

  private static void assertPaidReceipt(JsonNode call, String channelId, long spent, long units) {
    assertThat(call.path("error").isMissingNode()).as(call.toString()).isTrue();
    JsonNode receipt = call.path("receipt");
    assertThat(receipt.path("status").asText()).isEqualTo("success");
    assertThat(receipt.path("method").asText()).isEqualTo("tempo");
    assertThat(receipt.path("intent").asText()).isEqualTo("session");
    assertThat(receipt.path("channelId").asText()).isEqualTo(channelId);
    assertThat(receipt.path("reference").asText()).isEqualTo(channelId);
    assertThat(receipt.path("challengeId").asText()).isNotBlank();
    assertThat(receipt.path("spent").asText()).isEqualTo(Long.toString(spent));
    assertThat(receipt.path("acceptedCumulative").asText()).isEqualTo(Long.toString(spent));
    assertThat(receipt.path("units").asLong()).isEqualTo(units);
  }

  private static void assertRefused(JsonNode error, String reason) {
    assertThat(error.path("code").asInt()).as(error.toString()).isEqualTo(-32043);
    assertThat(error.path("data").path("failure").path("reason").asText()).isEqualTo(reason);
    assertThat(error.path("data").path("challenges").get(0).path("intent").asText())
        .isEqualTo("session");
  }

  /**
   * What the client sent: an open, then vouchers, each paying a call once; the call that used two
   * words was refused for its first voucher (one word's worth), served with its second; the close.
   */
  private static void assertCredentialsSent(JsonNode sent) {
    List<String> trail = new ArrayList<>();
    for (JsonNode credential : sent) {
      trail.add(
          credential.path("tool").asText()
              + " "
              + credential.path("action").asText()
              + " "
              + credential.path("amount").asText()
              + " "
              + (credential.path("code").isNull() ? "ok" : credential.path("reason").asText()));
    }
    assertThat(trail)
        .containsExactly(
            "fortune-session open 10000 ok",
            "fortune-session voucher 20000 ok",
            "fortune-session voucher 30000 ok",
            "lorem voucher 31000 session/insufficient-balance",
            "lorem voucher 32000 ok",
            "lorem voucher 35000 ok",
            "fortune-session close 35000 ok");
  }
}
