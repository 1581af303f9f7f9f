package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.RpcException;
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
import java.time.Instant;

/**
 * How a broadcast pull payment whose receipt never arrived ended (draft-tempo-charge-00 §7): its
 * receipt, when the chain has one, is checked as at settlement. A transaction without a receipt can
 * never be mined, so it failed and its hash claim is released, once its {@code valid_before} has
 * passed (plus a margin for the last block) or once its nonce lane has moved past its nonce
 * (another transaction used the nonce; the lane is read before the receipt, so a transaction mined
 * in between is not mistaken for a replaced one).
 */
final class ChargeRecovery {
  /** How long after {@code valid_before} an unmined transaction counts as failed. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final JsonRpc rpc;
  private final NonceCheck nonces;
  private final Store replayStore;

  ChargeRecovery(JsonRpc rpc, NonceCheck nonces, Store replayStore) {
    this.rpc = rpc;
    this.nonces = nonces;
    this.replayStore = replayStore;
  }

  /** What {@link #recover} needs, recorded before the broadcast. */
  static String data(String hash, String sender, TempoTransaction tx, String realm) {
    ObjectNode json = Json.object();
    json.put("hash", hash);
    json.put("sender", sender);
    json.put("validBefore", tx.validBefore() == null ? "" : tx.validBefore().toString());
    json.put("nonceKey", tx.nonceKey().toString());
    json.put("nonce", tx.nonce().toString());
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
    boolean nonceUsed;
    try {
      nonceUsed = nonceUsed(data);
      receipt = rpc.call("eth_getTransactionReceipt", hash);
    } catch (RpcException e) {
      return new Recovery.Unknown();
    }
    Store store = replayStore != null ? replayStore : context.store();
    if (receipt == null || !receipt.isObject()) {
      String reason;
      if (expired(data, context)) {
        reason = "the transaction expired without being mined";
      } else if (nonceUsed) {
        reason = "another transaction used the transaction's nonce";
      } else {
        return new Recovery.Unknown();
      }
      ReplayClaims.release(store, ChargeVerifier.NAMESPACE, hash);
      return new Recovery.Failed(reason);
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

  private static boolean expired(ObjectNode data, RecoveryContext context) {
    String validBefore = data.path("validBefore").asText();
    return !validBefore.isEmpty()
        && context
            .now()
            .isAfter(Instant.ofEpochSecond(Long.parseLong(validBefore)).plus(EXPIRY_MARGIN));
  }

  private boolean nonceUsed(ObjectNode data) {
    String key = data.path("nonceKey").asText();
    if (key.isEmpty()) {
      return false;
    }
    BigInteger lane = new BigInteger(key);
    if (TempoTransaction.EXPIRING_NONCE_KEY.equals(lane)) {
      return false;
    }
    BigInteger nonce = new BigInteger(data.path("nonce").asText());
    return nonces.next(data.path("sender").asText(), lane, "latest").compareTo(nonce) > 0;
  }
}
