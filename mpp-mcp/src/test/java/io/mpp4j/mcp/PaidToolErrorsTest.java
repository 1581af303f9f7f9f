package io.mpp4j.mcp;

import static io.mpp4j.mcp.Wire.challenge;
import static io.mpp4j.mcp.Wire.challenges;
import static io.mpp4j.mcp.Wire.code;
import static io.mpp4j.mcp.Wire.data;
import static io.mpp4j.mcp.Wire.pay;
import static io.mpp4j.mcp.Wire.problem;
import static io.mpp4j.mcp.Wire.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Secret;
import io.mpp4j.core.StoredResponse;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every JSON-RPC answer of a paid tool (draft-payment-transport-mcp-00 §"Error Handling"). */
class PaidToolErrorsTest {
  private static final Map<String, Object> ARGS = Map.of("topic", "luck");

  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final SwitchableStore store = new SwitchableStore();
  private final AtomicInteger runs = new AtomicInteger();
  private final Mpp mpp =
      Mpp.builder()
          .realm("mcp.example")
          .secret(Secret.of("paid tool errors test secret, 32+ bytes"))
          .method(fake)
          .store(store)
          .policy(
              (credential, exchange) -> {
                if ("did:example:blocked".equals(credential.source())) {
                  throw new PaymentExceptions.PolicyDenied("payer is blocked");
                }
              })
          .build();
  private final McpServerFeatures.SyncToolSpecification fortune =
      McpPayments.builder(mpp)
          .build()
          .tool(
              Tool.builder().name("fortune").inputSchema(Map.of("type", "object")).build(),
              McpPayments.Pricing.of("0.01").description("A fortune"),
              (exchange, request, paid) -> {
                runs.incrementAndGet();
                return CallToolResult.builder().addTextContent("luck").build();
              });

  @Test
  void paidToolWhenNoCredentialThenPaymentRequiredWithNativeChallengeAndProblem() {
    McpError error = refused(fortune, ARGS, null);

    assertThat(code(error)).isEqualTo(-32042);
    assertThat(error.getJsonRpcError().message()).isEqualTo("Payment Required");
    assertThat(data(error)).containsEntry("httpStatus", 402);
    Map<String, Object> challenge = challenges(error).get(0);
    assertThat(challenge)
        .containsEntry("realm", "mcp.example")
        .containsEntry("method", "fake")
        .containsEntry("intent", "charge")
        .containsEntry("description", "A fortune")
        .containsKeys("id", "expires", "opaque");
    assertThat(challenge.get("request"))
        .isEqualTo(
            Map.of(
                "amount",
                "1",
                "currency",
                "usd",
                "recipient",
                "merchant",
                "description",
                "A fortune",
                "methodDetails",
                Map.of("network", "test")));
    assertThat(problem(error))
        .containsEntry("type", "https://paymentauth.org/problems/payment-required")
        .containsEntry("status", 402)
        .containsEntry("challengeId", challenge.get("id"));
    assertThat(runs).hasValue(0);
  }

  @Test
  void paidToolWhenPaymentDeclinedThenVerificationFailedWithFreshChallengeAndReason() {
    Map<String, Object> offered = challenge(fortune, ARGS);

    McpError error = refused(fortune, ARGS, pay(offered, "decline"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(error.getJsonRpcError().message()).isEqualTo("Payment Verification Failed");
    assertThat(data(error))
        .containsEntry("httpStatus", 402)
        .containsEntry(
            "failure", Map.of("reason", "verification-failed", "detail", "payment declined"));
    assertThat(challenges(error)).hasSize(1);
    assertThat(challenges(error).get(0).get("id")).isNotEqualTo(offered.get("id"));
    assertThat(problem(error)).containsEntry("challengeId", challenges(error).get(0).get("id"));
    assertThat(runs).hasValue(0);
  }

  @Test
  void paidToolWhenChallengeTamperedThenVerificationFailedAsInvalidChallenge() {
    Map<String, Object> tampered = new LinkedHashMap<>(challenge(fortune, ARGS));
    tampered.put("request", Map.of("amount", "0", "currency", "usd", "recipient", "merchant"));

    McpError error = refused(fortune, ARGS, pay(tampered, "tok-tampered"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(failureReason(error)).isEqualTo("invalid-challenge");
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void paidToolWhenPaidAmountTooLowThenVerificationFailedAsInsufficient() {
    McpError error = refused(fortune, ARGS, pay(challenge(fortune, ARGS), "short"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(failureReason(error)).isEqualTo("payment-insufficient");
  }

  @Test
  void paidToolWhenPayloadUnreadableThenInvalidParamsWithFreshChallenge() {
    Map<String, Object> credential = pay(challenge(fortune, ARGS), "unused");
    credential.put("payload", Map.of("signature", "0x00"));

    McpError error = refused(fortune, ARGS, credential);

    assertThat(code(error)).isEqualTo(-32602);
    assertThat(problem(error))
        .containsEntry("type", "https://paymentauth.org/problems/invalid-payload");
    assertThat(data(error)).containsEntry("detail", "payload.token is required");
    assertThat(challenges(error)).hasSize(1);
  }

  @Test
  void paidToolWhenCredentialMalformedThenInvalidParamsAndNothingDecided() {
    Map<String, Object> valid = pay(challenge(fortune, ARGS), "tok-malformed");
    Map<String, Object> requestAsText = new LinkedHashMap<>(valid);
    Map<String, Object> echoed = new LinkedHashMap<>(challenge(fortune, ARGS));
    echoed.put("request", "eyJhbW91bnQiOiIxIn0");
    requestAsText.put("challenge", echoed);
    Map<String, Object> noId = new LinkedHashMap<>(valid);
    Map<String, Object> idless = new LinkedHashMap<>(challenge(fortune, ARGS));
    idless.remove("id");
    noId.put("challenge", idless);
    Map<String, Object> payloadText = new LinkedHashMap<>(valid);
    payloadText.put("payload", "tok");
    Map<String, Object> huge = new LinkedHashMap<>(valid);
    huge.put("payload", Map.of("token", "x".repeat(20_000)));

    Map<String, Object> garbled = new LinkedHashMap<>();
    garbled.put("header form", "Payment abc");
    garbled.put("array", List.of(1, 2));
    garbled.put("base64 request", requestAsText);
    garbled.put("no challenge id", noId);
    garbled.put("text payload", payloadText);
    garbled.put("over 16 KiB", huge);
    for (Map.Entry<String, Object> credential : garbled.entrySet()) {
      McpError error = refused(fortune, ARGS, credential.getValue());
      assertThat(code(error)).as(credential.getKey()).isEqualTo(-32602);
      assertThat(error.getJsonRpcError().message()).isEqualTo("Invalid params");
      assertThat(data(error).get("detail").toString()).startsWith("Malformed credential: ");
      assertThat(problem(error))
          .containsEntry("type", "https://paymentauth.org/problems/malformed-credential");
    }
    assertThat(runs).hasValue(0);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void paidToolWhenStoreDownThenInternalErrorWithRetryAfterAndNothingSettled() {
    Map<String, Object> offered = challenge(fortune, ARGS);
    store.down(true);

    McpError error = refused(fortune, ARGS, pay(offered, "tok-store-down"));

    assertThat(code(error)).isEqualTo(-32603);
    assertThat(data(error)).containsEntry("httpStatus", 503).containsKey("retryAfter");
    assertThat(problem(error))
        .containsEntry("type", "https://paymentauth.org/problems/service-unavailable");
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void paidToolWhenOutcomeUnknownThenInternalErrorAndChallengeStaysUsed() {
    Map<String, Object> offered = challenge(fortune, ARGS);

    McpError unknown = refused(fortune, ARGS, pay(offered, "unknown"));
    McpError retry = refused(fortune, ARGS, pay(offered, "tok-after-unknown"));

    assertThat(code(unknown)).isEqualTo(-32603);
    assertThat(code(retry)).isEqualTo(-32043);
    assertThat(failureReason(retry)).isEqualTo("invalid-challenge");
    assertThat(runs).hasValue(0);
  }

  @Test
  void paidToolWhenMethodCrashesThenInternalErrorNotAResult() {
    McpError error = refused(fortune, ARGS, pay(challenge(fortune, ARGS), "crash"));

    assertThat(code(error)).isEqualTo(-32603);
    assertThat(data(error)).containsEntry("httpStatus", 503);
  }

  @Test
  void paidToolWhenPolicyRefusesPayerThenInvalidParamsWithPolicyProblem() {
    Map<String, Object> credential = pay(challenge(fortune, ARGS), "tok-policy");
    credential.put("source", "did:example:blocked");

    McpError error = refused(fortune, ARGS, credential);

    assertThat(code(error)).isEqualTo(-32602);
    assertThat(data(error)).containsEntry("httpStatus", 403);
    assertThat(problem(error))
        .containsEntry("type", "https://paymentauth.org/problems/policy-denied");
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void decisionWhenReplayedOverJsonRpcThenInternalErrorBecauseNoIdempotencyKeyIsEverSent() {
    McpError error =
        WireFormat.unexpected(
            new Decision.Replayed(new StoredResponse(200, Map.of(), new byte[] {'{', '}'})));

    assertThat(code(error)).isEqualTo(-32603);
    assertThat(data(error)).containsEntry("httpStatus", 500);
  }

  private static Object failureReason(McpError error) {
    return ((Map<?, ?>) data(error).get("failure")).get("reason");
  }
}
