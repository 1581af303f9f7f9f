package io.mpp4j.tempo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.mpp4j.tempo.PaymentHarness.detail;
import static io.mpp4j.tempo.PaymentHarness.paidReference;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static io.mpp4j.tempo.PaymentHarness.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pull mode ({@code transaction} credentials) when the node lacks the sync send, refuses or times
 * out a broadcast, or answers receipts that are reverted or for another hash.
 */
class PullRpcFailureTest extends AbstractRpcFailureTest {
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
}
