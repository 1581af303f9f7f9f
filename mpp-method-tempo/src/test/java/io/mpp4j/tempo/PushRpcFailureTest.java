package io.mpp4j.tempo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.mpp4j.tempo.PaymentHarness.detail;
import static io.mpp4j.tempo.PaymentHarness.hash;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.codec.Json;
import org.junit.jupiter.api.Test;

/**
 * Push mode ({@code hash} credentials) when the node times out, errs, or answers receipts that are
 * reverted, malformed, unknown or for another token.
 */
class PushRpcFailureTest extends AbstractRpcFailureTest {
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
