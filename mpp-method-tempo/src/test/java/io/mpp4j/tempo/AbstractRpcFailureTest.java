package io.mpp4j.tempo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.MemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failure paths of the RPC node (charge intent: push and pull modes), simulated with WireMock:
 * timeouts, reverted and malformed receipts, unknown hashes, refused broadcasts, nodes without
 * {@code eth_sendRawTransactionSync}. All fail closed, release the replay claim when nothing was
 * broadcast, and never show node error text to the client.
 *
 * <p>The node and the helpers that script its answers; the tests are in {@link PushRpcFailureTest}
 * and {@link PullRpcFailureTest}.
 */
abstract class AbstractRpcFailureTest {
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

  final MemoryStore store = new MemoryStore();

  PaymentHarness harness(String rpcUrl, Duration timeout) {
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

  PaymentHarness harness() {
    return harness(NODE.baseUrl(), Duration.ofSeconds(5));
  }

  /** A server whose RPC calls give up after 300 ms, for timeout tests. */
  PaymentHarness impatient() {
    return harness(NODE.baseUrl(), Duration.ofMillis(300));
  }

  static void answer(String method, String resultJson) {
    answer(method, resultJson, 0);
  }

  static void answer(String method, String resultJson, int delayMillis) {
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

  static void error(String method, long code) {
    error(method, code, NODE_SECRET_TEXT);
  }

  static void error(String method, long code, String message) {
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

  static String memo(Challenge challenge) {
    return Attribution.encode(PaymentHarness.REALM, null, challenge.id());
  }

  static TestPayer payer(Challenge challenge) {
    return new TestPayer(Secp256k1.privateKey(Hex.decode(PAYER_KEY)), CHAIN)
        .transfer(TOKEN, MERCHANT, 10_000, memo(challenge));
  }

  static String paidReceipt(String txHash, Challenge challenge, String status) {
    return Json.write(
        Receipts.withMemoTransfer(
            Receipts.receipt(txHash, PAYER, status),
            TOKEN,
            PAYER,
            MERCHANT,
            10_000,
            memo(challenge)));
  }

  boolean claimFree(String txHash) {
    return store.claim(ChargeVerifier.NAMESPACE + ":" + txHash, Duration.ofMinutes(1));
  }
}
