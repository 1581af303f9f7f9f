package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Price;
import io.mpp4j.core.SessionRequest;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;

/**
 * The {@code request} of a session challenge (draft-tempo-session-00 §"Request Schema", §"Method
 * Details"): the price per unit in base units, the unit type, the suggested deposit, the currency
 * and the payee, and {@code methodDetails} {@code {chainId, escrowContract, sessionProtocol,
 * minVoucherDelta?, feePayer?}}. v1 (the {@code TempoStreamChannel} escrow) by default; v2 (the
 * TIP-1034 channel reserve precompile, {@code escrowContract} the precompile unless configured,
 * {@code operator} when set) only when the settings ask for it, in the shape the reference SDK's
 * precompile server builds — and a credential answering a v2 challenge is refused, since this
 * server verifies v1 channels only.
 */
final class SessionChallengeRequest {
  private final SessionConfig config;
  private final Voucher.Protocol protocol;
  private final String operator;

  /**
   * @param protocol the session protocol challenges offer
   * @param operator the v2 payee-side operator, or null (v2 clients then use the zero address)
   */
  SessionChallengeRequest(SessionConfig config, Voucher.Protocol protocol, String operator) {
    this.config = config;
    this.protocol = protocol;
    this.operator = operator;
  }

  SessionRequest build(Offer offer) {
    BigInteger amount = offer.price().toBaseUnits(config.decimals());
    String token = offer.currency() != null ? Hex.address(offer.currency()) : config.currency();
    String payee = offer.recipient() != null ? Hex.address(offer.recipient()) : config.payee();
    if (!payee.equals(config.payee())) {
      throw new IllegalArgumentException("a session's recipient must be the payee key's address");
    }
    String deposit = offer.term(Offer.SUGGESTED_DEPOSIT);
    Price suggested = deposit != null ? Price.of(deposit) : config.suggestedDeposit();
    ObjectNode details = Json.object();
    details.put("chainId", config.chainId());
    details.put("escrowContract", config.escrow());
    if (config.sponsored()) {
      details.put("feePayer", true);
    }
    if (config.minVoucherDelta().signum() > 0) {
      details.put("minVoucherDelta", config.minVoucherDelta().toString());
    }
    if (protocol == Voucher.Protocol.V2 && operator != null) {
      details.put("operator", operator);
    }
    details.put("sessionProtocol", protocol.wire);
    return new SessionRequest(
        amount,
        offer.term(Offer.UNIT_TYPE),
        suggested.toBaseUnits(config.decimals()),
        token,
        payee,
        offer.description(),
        offer.externalId(),
        details);
  }

  /**
   * Refuses a credential whose challenge offered another protocol than v1: the v2 precompile's
   * descriptors, receipts and {@code uint96} vouchers are not verified by this server yet.
   *
   * @throws PaymentExceptions.VerificationFailed for a v2 challenge
   */
  static void requireServed(SessionRequest request) {
    String offered =
        request
            .detail("sessionProtocol")
            .map(node -> node.asText())
            .orElse(Voucher.Protocol.V1.wire);
    if (!Voucher.Protocol.V1.wire.equals(offered)) {
      throw new PaymentExceptions.VerificationFailed(
          "This server does not verify session protocol " + offered + " credentials yet.");
    }
  }
}
