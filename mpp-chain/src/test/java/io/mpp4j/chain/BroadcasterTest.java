package io.mpp4j.chain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON-RPC client and the broadcaster against a scripted node: results, failures classified by
 * whether the transaction may have reached the network, and the polling fallback.
 */
class BroadcasterTest {
  @RegisterExtension
  static final WireMockExtension NODE =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String RAW = "0x02f8";
  private static final String HASH = "0x" + "ab".repeat(32);
  private static final String RECEIPT = "{\"transactionHash\":\"" + HASH + "\",\"status\":\"0x1\"}";

  private static JsonRpc rpc(Duration timeout) {
    return new JsonRpc(URI.create(NODE.baseUrl()), Duration.ofSeconds(2), timeout);
  }

  private static Broadcaster broadcaster() {
    return new Broadcaster(
        rpc(Duration.ofSeconds(2)), Duration.ofSeconds(1), Duration.ofMillis(20));
  }

  private static void answer(String method, String resultJson, int delayMillis) {
    reply(method, "\"result\":" + resultJson, delayMillis);
  }

  private static void error(String method, long code, String message) {
    reply(method, "\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}", 0);
  }

  /** Answers {@code method} with a reply carrying the request's id and {@code member}. */
  private static void reply(String method, String member, int delayMillis) {
    NODE.stubFor(
        post("/")
            .withRequestBody(matchingJsonPath("$.method", equalTo(method)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(delayMillis)
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},"
                            + member
                            + "}")
                    .withTransformers("response-template")));
  }

  private static void assertFails(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RpcException.Kind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private static void assertBroadcastFails(
      Broadcaster broadcaster, boolean maybeSent, boolean rejected) {
    assertThatThrownBy(() -> broadcaster.send(RAW, HASH))
        .isInstanceOfSatisfying(
            Broadcaster.BroadcastException.class,
            e -> {
              assertThat(e.maybeSent()).as("maybe sent").isEqualTo(maybeSent);
              assertThat(e.rejected()).as("rejected").isEqualTo(rejected);
            });
  }

  @Test
  void callWhenNodeAnswersThenResultAndParamsSent() {
    answer("eth_chainId", "\"0x2105\"", 0);

    JsonNode result = rpc(Duration.ofSeconds(2)).call("eth_chainId", 7, true, "x");

    assertThat(Hex.quantity(result.asText())).hasToString("8453");
    NODE.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.params[0]", equalTo("7")))
            .withRequestBody(matchingJsonPath("$.params[2]", equalTo("x"))));
  }

  @Test
  void callWhenNodeFailsThenEachFailureClassified() {
    error("eth_call", -32000, "execution reverted");
    assertThatThrownBy(() -> rpc(Duration.ofSeconds(2)).call("eth_call"))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RpcException.Kind.ERROR);
              assertThat(e.code()).isEqualTo(-32000);
            });

    NODE.stubFor(post("/").willReturn(aResponse().withStatus(500).withBody("boom")));
    assertFails(() -> rpc(Duration.ofSeconds(2)).call("eth_call"), RpcException.Kind.BAD_RESPONSE);

    NODE.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody("not json")));
    assertFails(() -> rpc(Duration.ofSeconds(2)).call("eth_call"), RpcException.Kind.BAD_RESPONSE);

    NODE.resetAll();
    answer("eth_call", "\"0x\"", 1_000);
    assertFails(() -> rpc(Duration.ofMillis(200)).call("eth_call"), RpcException.Kind.TIMEOUT);
  }

  @Test
  void callWhenReplyIdIsNotTheRequestsThenBadResponse() {
    NODE.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":\"0x1\"}")));

    assertFails(
        () -> rpc(Duration.ofSeconds(2)).call("eth_chainId"), RpcException.Kind.BAD_RESPONSE);
  }

  @Test
  void callWhenNodeUnreachableThenUnreachable() {
    JsonRpc closed =
        new JsonRpc(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1));

    assertFails(() -> closed.call("eth_chainId"), RpcException.Kind.UNREACHABLE);
  }

  @Test
  void sendWhenSyncSendAnswersThenItsReceipt() {
    answer("eth_sendRawTransactionSync", RECEIPT, 0);

    assertThat(broadcaster().send(RAW, HASH).path("transactionHash").asText()).isEqualTo(HASH);
  }

  @Test
  void sendWhenNodeLacksSyncSendThenSendsAndPollsForTheReceipt() {
    error("eth_sendRawTransactionSync", RpcException.METHOD_NOT_FOUND, "Method not found");
    answer("eth_sendRawTransaction", "\"" + HASH + "\"", 0);
    answer("eth_getTransactionReceipt", RECEIPT, 0);

    assertThat(broadcaster().send(RAW, HASH).path("status").asText()).isEqualTo("0x1");
    NODE.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("eth_sendRawTransaction"))));
  }

  @Test
  void sendWhenNodeRejectsThenRejectedAndNotMaybeSent() {
    error("eth_sendRawTransactionSync", -32000, "nonce too low");

    assertBroadcastFails(broadcaster(), false, true);
  }

  @Test
  void sendWhenConfirmationTimesOutAndNoReceiptAppearsThenMaybeSent() {
    error("eth_sendRawTransactionSync", Broadcaster.SYNC_TIMEOUT_CODE, "wait timed out");
    answer("eth_getTransactionReceipt", "null", 0);

    assertBroadcastFails(broadcaster(), true, false);
  }

  @Test
  void sendWhenNodeUnreachableThenNeitherSentNorRejected() {
    Broadcaster offline =
        new Broadcaster(
            new JsonRpc(
                URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            Duration.ofSeconds(1),
            Duration.ofMillis(20));

    assertBroadcastFails(offline, false, false);
  }

  @Test
  void isNotYetConfirmedWhenAlreadyKnownThenUnknownOutcomeNotARejection() {
    RpcException known = new RpcException(RpcException.Kind.ERROR, -32000, "already known", null);
    RpcException refused =
        new RpcException(RpcException.Kind.ERROR, -32000, "insufficient funds", null);

    assertThat(Broadcaster.isNotYetConfirmed(known)).isTrue();
    assertThat(Broadcaster.isNotYetConfirmed(refused)).isFalse();
    assertThat(refused.isMethodNotFound()).isFalse();
    assertThat(
            new RpcException(RpcException.Kind.ERROR, -32000, "method does not exist", null)
                .isMethodNotFound())
        .isTrue();
  }
}
