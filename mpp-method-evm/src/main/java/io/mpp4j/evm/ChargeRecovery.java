package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.RecoveryContext;
import io.mpp4j.core.ReplayClaims;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * How a settlement whose receipt never arrived ended: its receipt, once the chain has one, is
 * checked as at settlement; without one, once the authorization's {@code validBefore} has passed
 * (plus a margin for the last block) the token refuses it, so if the token also says the
 * authorization is unused, nothing was paid and its claim is released. An authorization used by
 * some other transaction stays unknown for the operator.
 */
final class ChargeRecovery {
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
  private static final String AUTHORIZATION_STATE =
      Hex.encode(Keccak.selector("authorizationState(address,bytes32)"));

  private final JsonRpc rpc;
  private final long chainId;
  private final Store replayStore;

  ChargeRecovery(JsonRpc rpc, long chainId, Store replayStore) {
    this.rpc = rpc;
    this.chainId = chainId;
    this.replayStore = replayStore;
  }

  /** What {@link #recover} needs, recorded before the broadcast. */
  static String data(String hash, String token, Authorization a, String replayKey) {
    ObjectNode json = Json.object();
    json.put("hash", hash);
    json.put("token", token);
    json.put("from", a.from());
    json.put("to", a.to());
    json.put("value", a.value().toString());
    json.put("nonce", a.nonce());
    json.put("validBefore", a.validBefore().toString());
    json.put("replayKey", replayKey);
    return Json.write(json);
  }

  Recovery recover(PendingPayment pending, RecoveryContext context) {
    if (pending.recovery() == null) {
      return new Recovery.Unknown();
    }
    ObjectNode data;
    try {
      data = Json.parseObject(pending.recovery().getBytes(StandardCharsets.UTF_8));
    } catch (CodecException e) {
      return new Recovery.Unknown();
    }
    String hash = data.path("hash").asText();
    try {
      JsonNode receipt = rpc.call("eth_getTransactionReceipt", hash);
      if (receipt == null || !receipt.isObject()) {
        return unmined(data, context);
      }
      ReceiptCheck.verify(
          receipt,
          new ReceiptCheck.Expected(
              hash,
              data.path("token").asText(),
              data.path("from").asText(),
              data.path("to").asText(),
              new BigInteger(data.path("value").asText())));
    } catch (RpcException e) {
      return new Recovery.Unknown();
    } catch (PaymentException e) {
      return new Recovery.Failed("the settlement did not pay the charge");
    }
    Receipt receipt = new Receipt(EvmMethod.ID, hash, context.now()).with("chainId", chainId);
    String externalId = pending.request().path("externalId").asText(null);
    return new Recovery.Settled(receipt.withOptional("externalId", externalId));
  }

  private Recovery unmined(ObjectNode data, RecoveryContext context) {
    Instant expiry =
        Instant.ofEpochSecond(Long.parseLong(data.path("validBefore").asText()))
            .plus(EXPIRY_MARGIN);
    if (!context.now().isAfter(expiry)) {
      return new Recovery.Unknown();
    }
    ObjectNode call = Json.object();
    call.put("to", data.path("token").asText());
    call.put(
        "data",
        AUTHORIZATION_STATE
            + Hex.encode(Eip3009.addressWord(data.path("from").asText())).substring(2)
            + data.path("nonce").asText().substring(2));
    BigInteger used = Hex.quantity(rpc.call("eth_call", call, "latest").asText());
    if (used.signum() != 0) {
      return new Recovery.Unknown();
    }
    Store store = replayStore != null ? replayStore : context.store();
    ReplayClaims.release(store, Settler.NAMESPACE, data.path("replayKey").asText());
    return new Recovery.Failed("the authorization expired without being used");
  }
}
