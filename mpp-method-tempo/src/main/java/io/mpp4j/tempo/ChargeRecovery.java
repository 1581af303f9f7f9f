package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.RecoveryContext;
import io.mpp4j.core.ReplayClaims;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How a broadcast pull payment whose receipt never arrived ended (draft-tempo-charge-00 §7): its
 * receipt, when the chain has one, is checked as at settlement; a transaction still unmined once
 * its {@code valid_before} has passed (plus a margin for the last block) can never be mined: it
 * failed, and its hash claim is released.
 */
final class ChargeRecovery {
  /** How long after {@code valid_before} an unmined transaction counts as failed. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final JsonRpc rpc;
  private final Store replayStore;

  ChargeRecovery(JsonRpc rpc, Store replayStore) {
    this.rpc = rpc;
    this.replayStore = replayStore;
  }

  /** What {@link #recover} needs, recorded before the broadcast. */
  static String data(String hash, String sender, BigInteger validBefore, String realm) {
    ObjectNode json = Json.object();
    json.put("hash", hash);
    json.put("sender", sender);
    json.put("validBefore", validBefore == null ? "" : validBefore.toString());
    json.put("realm", realm);
    return Json.write(json);
  }

  Recovery recover(PendingPayment pending, RecoveryContext context) {
    if (pending.recovery() == null) {
      return new Recovery.Unknown();
    }
    ObjectNode data = Json.parseObject(pending.recovery().getBytes(StandardCharsets.UTF_8));
    String hash = data.path("hash").asText();
    JsonNode receipt;
    try {
      receipt = rpc.call("eth_getTransactionReceipt", hash);
    } catch (RpcException e) {
      return new Recovery.Unknown();
    }
    Store store = replayStore != null ? replayStore : context.store();
    if (receipt == null || !receipt.isObject()) {
      String validBefore = data.path("validBefore").asText();
      boolean expired =
          !validBefore.isEmpty()
              && context
                  .now()
                  .isAfter(
                      java.time.Instant.ofEpochSecond(Long.parseLong(validBefore))
                          .plus(EXPIRY_MARGIN));
      if (!expired) {
        return new Recovery.Unknown();
      }
      ReplayClaims.release(store, ChargeVerifier.NAMESPACE, hash);
      return new Recovery.Failed("the transaction expired without being mined");
    }
    try {
      ChargeTerms terms = ChargeTerms.of(ChargeRequest.fromJson(pending.request()));
      ReceiptCheck.verify(
          receipt,
          terms,
          hash,
          data.path("sender").asText(),
          data.path("realm").asText(),
          pending.challengeId());
    } catch (PaymentException | IllegalArgumentException | RpcException e) {
      return new Recovery.Failed("the transaction did not pay the charge");
    }
    Receipt settled = new Receipt(TempoMethod.ID, hash, context.now());
    String externalId = pending.request().path("externalId").asText(null);
    return new Recovery.Settled(settled.withOptional("externalId", externalId));
  }
}
