package io.mpp4j.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Problem;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Settlement;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.PaymentJson;
import java.util.List;
import java.util.Map;

/**
 * One paid JSON-RPC call through the engine (draft-payment-transport-mcp-00 §"Payment Credential"):
 * reads the credential from {@code _meta}, binds the exchange to the operation and turns the
 * engine's decision into a settlement to run the handler under, an answer without the handler, or a
 * JSON-RPC error.
 */
final class Gate {
  private final Mpp mpp;

  Gate(Mpp mpp) {
    this.mpp = mpp;
  }

  /** What the transport does next. */
  sealed interface Admission {}

  /**
   * Paid: run the handler, then complete or abort the settlement; {@code unpaid} is the exchange
   * without its credential, for fresh challenges when the usage cannot be charged.
   */
  record Run(Settlement settlement, PaymentExchange unpaid, List<Offer> offers)
      implements Admission {}

  /** Accepted without running the handler (a session's management action): the receipt meta. */
  record Answered(Map<String, Object> meta) implements Admission {}

  /**
   * Decides one call.
   *
   * @throws McpError for every refusal: payment required, verification failed, malformed
   */
  <Q> Admission admit(Operations.Kind<Q, ?> kind, Q request, List<Offer> offers, Object exchange) {
    Map<String, Object> meta = kind.meta(request);
    Object raw = meta == null ? null : meta.get(McpPayments.CREDENTIAL_META);
    PaymentExchange.Builder builder = PaymentExchange.builder().transportRequest(exchange);
    Credential credential = null;
    try {
      builder.scope(kind.scope(request));
      if (raw != null) {
        credential =
            PaymentJson.credentialFromJson(PlainJson.credential(raw, mpp.maxCredentialBytes()));
        builder.credential(credential);
      }
    } catch (CodecException e) {
      throw WireFormat.malformed(e.getMessage());
    }
    Decision decision = mpp.decide(builder.build(), offers);
    if (decision instanceof Decision.Paid paid) {
      PaymentExchange unpaid =
          PaymentExchange.builder().transportRequest(exchange).scope(kind.scope(request)).build();
      return new Run(paid.settlement(), unpaid, offers);
    }
    if (decision instanceof Decision.Acknowledged acknowledged) {
      Receipt receipt = acknowledged.receipt();
      String challengeId =
          receipt
              .text("challengeId")
              .orElse(credential == null ? null : credential.challenge().id());
      return new Answered(WireFormat.receiptMeta(receipt, challengeId));
    }
    if (decision instanceof Decision.PaymentRequired required) {
      throw WireFormat.paymentRequired(required, credential != null);
    }
    if (decision instanceof Decision.Rejected rejected) {
      throw WireFormat.rejected(rejected.problem(), rejected.retryAfterSeconds());
    }
    throw WireFormat.unexpected(decision);
  }

  /**
   * The refusal of a paid call whose handler ran but whose payment could not be completed (a
   * metered intent's usage not covered by the vouchers, a channel closed meanwhile): {@code -32043}
   * with fresh challenges and the problem, the handler's result withheld.
   */
  McpError refused(Run run, PaymentException e) {
    String challengeId = run.settlement().payment().challengeId();
    Decision fresh = mpp.decide(run.unpaid(), run.offers());
    if (fresh instanceof Decision.PaymentRequired required) {
      return WireFormat.paymentRequired(
          new Decision.PaymentRequired(required.challenges(), Problem.of(e, challengeId)), true);
    }
    return WireFormat.rejected(Problem.of(e, challengeId), 0);
  }
}
