package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.tempo.LocalEscrow;
import io.mpp4j.tempo.LocalTempoChain;
import io.mpp4j.tempo.MppxSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example server's session routes on a local chain with the project's escrow, paid by the
 * reference client's v1 session manager (mppx 0.11.0): several paid requests, an SSE stream and a
 * token stream that need 3 and 6 vouchers beyond the one that starts them (counted as the client
 * sends them), then a cooperative close; the payee receives exactly what was spent. And a 300-chunk
 * stream at the default per-channel voucher rate limit: the server's {@code payment-need-voucher}
 * events ask for larger increments once the stream outpaces the limit, so the client is never
 * refused (draft-tempo-session-00 §"Denial of Service").
 */
class SessionEndToEndTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static ExampleServer server;
  private static String escrow;

  @BeforeAll
  static void start() throws Exception {
    escrow = LocalEscrow.install(CHAIN);
    List<PaymentMethod> methods = methods(CHAIN, escrow);
    server =
        ExampleServer.start(
            new ExampleServer.Config(
                0, "localhost", Secret.of("session end-to-end secret of 32+ bytes"), true, false),
            methods);
  }

  /** The example's methods configured for sessions on {@code chain} with {@code escrow}. */
  static List<PaymentMethod> methods(LocalTempoChain chain, String escrow) {
    return ExampleMethods.fromEnvironment(
        Map.of(
            ExampleMethods.TEMPO_RPC_URL,
            chain.rpcUrl().toString(),
            ExampleMethods.TEMPO_CHAIN_ID,
            Long.toString(LocalTempoChain.CHAIN_ID),
            ExampleMethods.TEMPO_CURRENCY,
            LocalTempoChain.PATH_USD,
            ExampleMethods.TEMPO_ESCROW,
            escrow,
            ExampleMethods.TEMPO_PAYEE_KEY,
            chain.merchant().privateKey(),
            ExampleMethods.TEMPO_PAYEE_FEE_TOKEN,
            LocalTempoChain.ALPHA_USD));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void sessionWhenMppxStreamsAndClosesThenPayeeGetsExactlyWhatWasSpent() throws Exception {
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
    JsonNode run =
        MppxSession.run(
            server.uri("/"),
            CHAIN,
            CHAIN.freshAccount(),
            escrow,
            "1",
            "[{\"fetch\":\"/api/session-fortune\"},{\"fetch\":\"/api/session-fortune\"},"
                + "{\"sse\":\"/api/stream?chunks=4\"},{\"sse\":\"/api/chat?prompt=pay+per+token\"},"
                + "{\"fetch\":\"/api/session-fortune\"},{\"close\":true}]");

    assertThat(run.has("error")).as(run.toString()).isFalse();
    JsonNode results = run.path("results");
    assertThat(results.get(0).path("status").asInt()).isEqualTo(200);
    assertThat(results.get(1).path("receipt").path("spent").asText()).isEqualTo("20000");
    assertThat(results.get(2).path("messages"))
        .extracting(JsonNode::asText)
        .containsExactly("chunk 1 of 4", "chunk 2 of 4", "chunk 3 of 4", "chunk 4 of 4");
    assertThat(results.get(3).path("messages"))
        .extracting(JsonNode::asText)
        .containsExactly("You", " asked", " about", " pay", " per", " token", ".");
    assertThat(credentials(results.get(0))).containsExactly("GET open");
    assertThat(credentials(results.get(1))).containsExactly("GET voucher");
    assertThat(credentials(results.get(2)))
        .as("the first chunk is paid by the request's voucher, each next one by a voucher POST")
        .isEqualTo(streamed(3));
    assertThat(credentials(results.get(3))).isEqualTo(streamed(6));
    assertThat(credentials(results.get(4))).containsExactly("GET voucher");
    assertThat(credentials(results.get(5))).containsExactly("POST close");
    long spent = 3 * 10_000 + 4 * 1_000 + 7 * 100;
    JsonNode close = results.get(5).path("receipt");
    assertThat(close.path("spent").asText()).isEqualTo(Long.toString(spent));
    assertThat(close.path("txHash").asText()).matches("0x[0-9a-f]{64}");
    BigInteger after = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
    assertThat(after.subtract(before)).isEqualTo(BigInteger.valueOf(spent));
  }

  /** A stream's credentials: the request's voucher, then {@code posts} vouchers POSTed. */
  private static List<String> streamed(int posts) {
    List<String> sent = new ArrayList<>(List.of("GET voucher"));
    sent.addAll(Collections.nCopies(posts, "POST voucher"));
    return sent;
  }

  /** The credentials mppx sent during a step: "METHOD action", in order. */
  private static List<String> credentials(JsonNode step) {
    List<String> sent = new ArrayList<>();
    step.path("credentials").forEach(node -> sent.add(node.asText()));
    return sent;
  }

  @Test
  void sessionWhenMppxStreamsFastAtTheDefaultRateLimitThenNotThrottledAndVouchersPaced()
      throws Exception {
    JsonNode run =
        MppxSession.run(
            server.uri("/"),
            CHAIN,
            CHAIN.freshAccount(),
            escrow,
            "1",
            "[{\"sse\":\"/api/stream?chunks=300\"},{\"close\":true}]");

    assertThat(run.has("error")).as(run.toString()).isFalse();
    JsonNode results = run.path("results");
    assertThat(results.get(0).path("messages")).hasSize(300);
    assertThat(results.get(0).path("messages").get(299).asText()).isEqualTo("chunk 300 of 300");
    long accepted = Long.parseLong(run.path("cumulative").asText());
    long spent = Long.parseLong(results.get(1).path("receipt").path("spent").asText());
    assertThat(spent).isEqualTo(300 * 1_000L);
    assertThat(accepted)
        .as("the vouchers cover what was streamed and at most the deposit")
        .isBetween(spent, 1_000_000L);
  }
}
