package io.mpp4j.tempo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.mpp4j.tempo.PaymentHarness.detail;
import static io.mpp4j.tempo.PaymentHarness.hash;
import static io.mpp4j.tempo.PaymentHarness.paidReference;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static io.mpp4j.tempo.PaymentHarness.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.MemoryStore;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failure paths of the RPC node, simulated with WireMock: timeouts, reverted and malformed
 * receipts, unknown hashes, refused broadcasts, nodes without {@code eth_sendRawTransactionSync}.
 * All fail closed, release the replay claim when nothing was broadcast, and never show node error
 * text to the client.
 */
class RpcFailureTest {
  @RegisterExtension
  static final WireMockExtension NODE =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final long CHAIN = TempoChain.MAINNET.id();
  static final String TOKEN = TempoMethod.PATH_USD;
  static final String MERCHANT = "0x742d35cc6634c0532925a3b844bc9e7595f8fe00";
  static final String PAYER_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  static final String PAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  static final String NODE_SECRET_TEXT = "node-internal-detail-7f3a";

  private final MemoryStore store = new MemoryStore();

  private PaymentHarness harness(String rpcUrl, Duration timeout) {
    TempoMethod method =
        TempoMethod.builder()
            .chainId(CHAIN)
            .rpcUrl(rpcUrl)
            .currency(TOKEN)
            .recipient(MERCHANT)
            .rpcTimeout(timeout)
            .receiptTimeout(timeout)
            .build();
    return new PaymentHarness(method, store, PaymentHarness.price("0.01"));
  }

  private PaymentHarness harness() {
    return harness(NODE.baseUrl(), Duration.ofSeconds(5));
  }

  /** A server whose RPC calls give up after 300 ms, for timeout tests. */
  private PaymentHarness impatient() {
    return harness(NODE.baseUrl(), Duration.ofMillis(300));
  }

  private static void answer(String method, String resultJson) {
    answer(method, resultJson, 0);
  }

  private static void answer(String method, String resultJson, int delayMillis) {
    NODE.stubFor(
        post("/")
            .withRequestBody(matchingJsonPath("$.method", equalTo(method)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(delayMillis)
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":"
                            + resultJson
                            + "}")
                    .withTransformers("response-template")));
  }

  private static void error(String method, long code) {
    error(method, code, NODE_SECRET_TEXT);
  }

  private static void error(String method, long code, String message) {
    NODE.stubFor(
        post("/")
            .withRequestBody(matchingJsonPath("$.method", equalTo(method)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"error\":{\"code\":"
                            + code
                            + ",\"message\":\""
                            + message
                            + "\"}}")
                    .withTransformers("response-template")));
  }

  private static String memo(Challenge challenge) {
    return Attribution.encode(PaymentHarness.REALM, null, challenge.id());
  }

  private static TestPayer payer(Challenge challenge) {
    return new TestPayer(Secp256k1.privateKey(Hex.decode(PAYER_KEY)), CHAIN)
        .transfer(TOKEN, MERCHANT, 10_000, memo(challenge));
  }

  private static String paidReceipt(String txHash, Challenge challenge, String status) {
    return Json.write(
        Receipts.withMemoTransfer(
            Receipts.receipt(txHash, PAYER, status),
            TOKEN,
            PAYER,
            MERCHANT,
            10_000,
            memo(challenge)));
  }

  private boolean claimFree(String txHash) {
    return store.claim(ChargeVerifier.NAMESPACE + ":" + txHash, Duration.ofMinutes(1));
  }

  // ---- push -------------------------------------------------------------------------------

  @Test
  void pushWhenReceiptMatchesThenPaid() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    String txHash = "0x" + "11".repeat(32);
    answer("eth_getTransactionReceipt", paidReceipt(txHash, challenge, "0x1"));

    assertThat(PaymentHarness.paidReference(server.pay(challenge, hash(txHash), null)))
        .isEqualTo(txHash);
    assertThat(claimFree(txHash)).as("hash stays claimed").isFalse();
  }

  @Test
  void pushWhenNodeTimesOutThenServiceUnavailableAndClaimReleased() {
    PaymentHarness server = impatient();
    Challenge challenge = server.challenge();
    String txHash = "0x" + "12".repeat(32);
    answer("eth_getTransactionReceipt", paidReceipt(txHash, challenge, "0x1"), 1_000);

    Decision decision = server.pay(challenge, hash(txHash), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(((Decision.Rejected) decision).retryAfterSeconds()).isPositive();
    assertThat(claimFree(txHash)).isTrue();
  }

  @Test
  void pushWhenReceiptRevertedThenVerificationFailedAndClaimReleased() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    String txHash = "0x" + "13".repeat(32);
    answer("eth_getTransactionReceipt", paidReceipt(txHash, challenge, "0x0"));

    Decision decision = server.pay(challenge, hash(txHash), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("reverted");
    assertThat(claimFree(txHash)).isTrue();
  }

  @Test
  void pushWhenHashUnknownThenVerificationFailedAndClaimReleased() {
    PaymentHarness server = harness();
    String txHash = "0x" + "14".repeat(32);
    answer("eth_getTransactionReceipt", "null");

    Decision decision = server.pay(server.challenge(), hash(txHash), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("not found");
    assertThat(claimFree(txHash)).isTrue();
  }

  @Test
  void pushWhenResponsesMalformedThenServiceUnavailableWithoutNodeText() {
    String txHash = "0x" + "15".repeat(32);
    String[] bodies = {
      "not json " + NODE_SECRET_TEXT, "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":null}", "[1,2,3]",
    };
    for (String body : bodies) {
      NODE.resetAll();
      NODE.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody(body)));
      PaymentHarness server = harness();

      Decision decision = server.pay(server.challenge(), hash(txHash), null);

      assertThat(problem(decision)).as(body).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
      assertThat(detail(decision)).doesNotContain(NODE_SECRET_TEXT);
      assertThat(claimFree(txHash)).isTrue();
      store.release(ChargeVerifier.NAMESPACE + ":" + txHash);
    }
  }

  @Test
  void pushWhenReceiptLacksLogsOrStatusThenServiceUnavailable() {
    PaymentHarness server = harness();
    String txHash = "0x" + "16".repeat(32);
    answer("eth_getTransactionReceipt", "{\"transactionHash\":\"" + txHash + "\"}");

    Decision decision = server.pay(server.challenge(), hash(txHash), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
  }

  @Test
  void pushWhenNodeAnswersErrorOrHttp500ThenServiceUnavailableWithoutNodeText() {
    String txHash = "0x" + "17".repeat(32);
    error("eth_getTransactionReceipt", -32000);
    Decision rpcError = harness().pay(harness().challenge(), hash(txHash), null);
    NODE.resetAll();
    NODE.stubFor(post("/").willReturn(aResponse().withStatus(500).withBody(NODE_SECRET_TEXT)));
    PaymentHarness server = harness();
    Decision http500 = server.pay(server.challenge(), hash(txHash), null);

    assertThat(problem(rpcError)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(problem(http500)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(detail(rpcError) + detail(http500)).doesNotContain(NODE_SECRET_TEXT);
  }

  @Test
  void pushWhenLogsComeFromAnotherTokenOrOnlyPayFeesThenRefused() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    String txHash = "0x" + "18".repeat(32);
    JsonNode receipt =
        Receipts.transfer(
            Receipts.withMemoTransfer(
                Receipts.receipt(txHash, PAYER, "0x1"),
                "0x20c0000000000000000000000000000000000001",
                PAYER,
                MERCHANT,
                10_000,
                memo(challenge)),
            TOKEN,
            PAYER,
            Tip20.FEE_MANAGER,
            10_000);
    answer("eth_getTransactionReceipt", Json.write(receipt));

    Decision decision = server.pay(challenge, hash(txHash), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
  }

  // ---- pull -------------------------------------------------------------------------------

  @Test
  void pullWhenNodeLacksSyncSendThenFallsBackToPollingAndPays() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    String txHash = Hex.encode(tx.signed().hash());
    error("eth_sendRawTransactionSync", RpcException.METHOD_NOT_FOUND);
    answer("eth_sendRawTransaction", "\"" + txHash + "\"");
    NODE.stubFor(
        post("/")
            .inScenario("mining")
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getTransactionReceipt")))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":null}")
                    .withTransformers("response-template"))
            .willSetStateTo("mined"));
    NODE.stubFor(
        post("/")
            .inScenario("mining")
            .whenScenarioStateIs("mined")
            .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getTransactionReceipt")))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":"
                            + paidReceipt(txHash, challenge, "0x1")
                            + "}")
                    .withTransformers("response-template")));

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(PaymentHarness.paidReference(decision)).isEqualTo(txHash);
    NODE.verify(
        2,
        postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getTransactionReceipt"))));
  }

  @Test
  void pullWhenNodeRejectsTransactionThenVerificationFailedAndClaimReleased() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    error("eth_sendRawTransactionSync", -32003);

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(decision)).contains("rejected").doesNotContain(NODE_SECRET_TEXT);
    assertThat(claimFree(Hex.encode(tx.signed().hash()))).isTrue();
  }

  @Test
  void pullWhenNodeUnreachableThenServiceUnavailableAndClaimReleased() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PaymentHarness server = harness("http://127.0.0.1:" + closedPort, Duration.ofSeconds(5));
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(claimFree(Hex.encode(tx.signed().hash()))).isTrue();
  }

  @Test
  void pullWhenBroadcastTimesOutThenServiceUnavailableAndClaimKept() {
    PaymentHarness server = impatient();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    String txHash = Hex.encode(tx.signed().hash());
    answer("eth_sendRawTransactionSync", paidReceipt(txHash, challenge, "0x1"), 1_000);

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(claimFree(txHash)).as("a maybe-broadcast transaction stays claimed").isFalse();
    assertThat(problem(server.pay(challenge, transaction(tx.signedHex()), null)))
        .as("the retry finds the outcome still unknown: not paid, not refused as used")
        .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
  }

  @Test
  void pullWhenBroadcastTimedOutAndTheChainShowsItMinedThenTheRetryIsServedOnce() {
    PaymentHarness server = impatient();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    String txHash = Hex.encode(tx.signed().hash());
    answer("eth_sendRawTransactionSync", paidReceipt(txHash, challenge, "0x1"), 1_000);
    assertThat(problem(server.pay(challenge, transaction(tx.signedHex()), null)))
        .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    answer("eth_getTransactionReceipt", paidReceipt(txHash, challenge, "0x1"));

    Decision retry = server.pay(challenge, transaction(tx.signedHex()), null);
    Decision again = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(paidReference(retry)).isEqualTo(txHash);
    assertThat(problem(again)).isEqualTo(ProblemType.INVALID_CHALLENGE);
    NODE.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("eth_sendRawTransactionSync"))));
  }

  @Test
  void pullWhenNodeSaysConfirmationTimedOutThenUnknownOutcomeNotARejection() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    String txHash = Hex.encode(tx.signed().hash());
    error("eth_sendRawTransactionSync", -32603, "Transaction confirmation timeout");
    answer("eth_getTransactionReceipt", "null");

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(claimFree(txHash)).as("a transaction the node holds stays claimed").isFalse();
  }

  @Test
  void pullWhenSyncSendTimesOutOnNodeThenReceiptPolled() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    TestPayer tx = payer(challenge);
    String txHash = Hex.encode(tx.signed().hash());
    error("eth_sendRawTransactionSync", Broadcaster.SYNC_TIMEOUT_CODE);
    answer("eth_getTransactionReceipt", paidReceipt(txHash, challenge, "0x1"));

    assertThat(
            PaymentHarness.paidReference(server.pay(challenge, transaction(tx.signedHex()), null)))
        .isEqualTo(txHash);
  }

  @Test
  void pullWhenReceiptRevertedOrForAnotherHashThenRefusedAndClaimKept() {
    PaymentHarness server = harness();
    Challenge first = server.challenge();
    TestPayer reverted = payer(first);
    String revertedHash = Hex.encode(reverted.signed().hash());
    answer("eth_sendRawTransactionSync", paidReceipt(revertedHash, first, "0x0"));
    Decision revertedDecision = server.pay(first, transaction(reverted.signedHex()), null);

    Challenge second = server.challenge();
    TestPayer other = payer(second);
    answer("eth_sendRawTransactionSync", paidReceipt("0x" + "99".repeat(32), second, "0x1"));
    Decision mismatch = server.pay(second, transaction(other.signedHex()), null);

    assertThat(detail(revertedDecision)).contains("reverted");
    assertThat(claimFree(revertedHash)).isFalse();
    assertThat(problem(mismatch)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(detail(mismatch)).contains("another transaction");
  }

  @Test
  void pullWhenTransactionIsMalformedThenMalformedCredentialWithoutAnyRpc() {
    PaymentHarness server = harness();

    Decision notHex = server.pay(server.challenge(), transaction("0x76zz"), null);
    Decision notTempo = server.pay(server.challenge(), transaction("0x02c0"), null);

    assertThat(problem(notHex)).isEqualTo(ProblemType.MALFORMED_CREDENTIAL);
    assertThat(problem(notTempo)).isEqualTo(ProblemType.MALFORMED_CREDENTIAL);
    assertThat(NODE.getAllServeEvents()).isEmpty();
  }

  @Test
  void pushWhenAmountShortThenRefused() {
    PaymentHarness server = harness();
    Challenge challenge = server.challenge();
    String txHash = "0x" + "1a".repeat(32);
    answer(
        "eth_getTransactionReceipt",
        Json.write(
            Receipts.withMemoTransfer(
                Receipts.receipt(txHash, PAYER, "0x1"),
                TOKEN,
                PAYER,
                MERCHANT,
                9_999,
                memo(challenge))));

    assertThat(problem(server.pay(challenge, hash(txHash), null)))
        .isEqualTo(ProblemType.VERIFICATION_FAILED);
  }
}
