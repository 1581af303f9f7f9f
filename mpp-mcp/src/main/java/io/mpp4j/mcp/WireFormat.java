package io.mpp4j.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Problem;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.PaymentJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's answers as JSON-RPC (draft-payment-transport-mcp-00 §"Error Handling", §"Payment
 * Receipt"): {@code -32042} with the challenges when no credential was sent, {@code -32043} with
 * fresh challenges and the failure when one was refused, {@code -32602} for a malformed credential
 * or an unreadable payload, {@code -32603} when the payment could not be processed; and the receipt
 * as {@code _meta}. Challenges carry their {@code request} as a JSON object; every error's {@code
 * data} carries the RFC 9457 problem.
 */
final class WireFormat {
  private static final System.Logger LOG = System.getLogger(WireFormat.class.getName());

  private WireFormat() {}

  static McpError paymentRequired(Decision.PaymentRequired required, boolean credentialSent) {
    Problem problem = required.problem();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("httpStatus", problem.status());
    List<Object> challenges = new ArrayList<>(required.challenges().size());
    for (Challenge challenge : required.challenges()) {
      challenges.add(PlainJson.object(PaymentJson.toJson(challenge)));
    }
    data.put("challenges", challenges);
    data.put("problem", PlainJson.parse(problem.toJson()));
    if (!credentialSent) {
      return error(McpPayments.PAYMENT_REQUIRED, "Payment Required", data);
    }
    if (isUnreadable(problem.type())) {
      data.put("detail", problem.detail());
      return error(McpPayments.INVALID_PARAMS, "Invalid params", data);
    }
    data.put("failure", Map.of("reason", problem.type().slug(), "detail", problem.detail()));
    return error(McpPayments.VERIFICATION_FAILED, "Payment Verification Failed", data);
  }

  /** A credential the transport could not decode: JSON-RPC invalid params, nothing decided. */
  static McpError malformed(String reason) {
    String detail = "Malformed credential: " + reason + ".";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("httpStatus", ProblemType.MALFORMED_CREDENTIAL.status());
    data.put("detail", detail);
    data.put(
        "problem",
        PlainJson.parse(new Problem(ProblemType.MALFORMED_CREDENTIAL, detail, null).toJson()));
    return error(McpPayments.INVALID_PARAMS, "Invalid params", data);
  }

  /**
   * A refusal without challenges: infrastructure down or a server bug is an internal payment error;
   * a refusal of the client's request (policy) is invalid params.
   */
  static McpError rejected(Problem problem, int retryAfterSeconds) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("httpStatus", problem.status());
    data.put("detail", problem.detail());
    data.put("problem", PlainJson.parse(problem.toJson()));
    if (retryAfterSeconds > 0) {
      data.put("retryAfter", retryAfterSeconds);
    }
    if (problem.status() >= 500) {
      return error(McpPayments.INTERNAL_ERROR, "Internal error", data);
    }
    return error(McpPayments.INVALID_PARAMS, "Invalid params", data);
  }

  /**
   * A decision this transport never asks for: {@code Replayed} needs an {@code Idempotency-Key},
   * which JSON-RPC calls do not carry. Fails closed.
   */
  static McpError unexpected(Decision decision) {
    LOG.log(
        System.Logger.Level.ERROR,
        "unexpected payment decision over MCP: {0}",
        decision.getClass().getSimpleName());
    return rejected(
        new Problem(ProblemType.INTERNAL_ERROR, "The payment could not be processed.", null), 0);
  }

  /**
   * {@code {"org.paymentauth/receipt": {status, method, timestamp, reference, challengeId...}}}.
   */
  static Map<String, Object> receiptMeta(Receipt receipt, String challengeId) {
    Map<String, Object> json = PlainJson.object(PaymentJson.toJson(receipt));
    if (challengeId != null) {
      json.put("challengeId", challengeId);
    }
    return Map.of(McpPayments.RECEIPT_META, json);
  }

  private static boolean isUnreadable(ProblemType type) {
    return type == ProblemType.MALFORMED_CREDENTIAL || type == ProblemType.INVALID_PAYLOAD;
  }

  private static McpError error(int code, String message, Map<String, Object> data) {
    return McpError.builder(code).message(message).data(data).build();
  }
}
