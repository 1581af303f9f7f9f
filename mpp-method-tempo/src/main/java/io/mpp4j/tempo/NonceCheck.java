package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses, before anything is claimed or broadcast, a pull transaction the chain cannot include
 * now: a nonce that is not the next one of its lane (a gap would keep it pending until it expires,
 * holding a request thread and a replay record for nothing), or an expiring-nonce transaction whose
 * validity window is longer than a payment needs. Tempo nonces (TIP-1009): lane 0 is the account's
 * protocol nonce; other lanes are read from the NonceManager precompile; the expiring lane ({@code
 * 2^256-1}) has no sequence and is bounded by {@code valid_before}.
 */
final class NonceCheck {
  static final String NONCE_MANAGER = "0x4e4f4e4345000000000000000000000000000000";
  private static final String GET_NONCE = Hex.encode(Keccak.selector("getNonce(address,uint256)"));

  private final JsonRpc rpc;
  private final Duration maxExpiringWindow;

  NonceCheck(JsonRpc rpc, Duration maxExpiringWindow) {
    this.rpc = rpc;
    this.maxExpiringWindow = maxExpiringWindow;
  }

  /**
   * @throws PaymentExceptions.VerificationFailed when the nonce cannot be used now
   * @throws RpcException when the node cannot be asked
   */
  void check(TempoTransaction tx, String sender, Instant now) {
    BigInteger key = tx.nonceKey();
    if (TempoTransaction.EXPIRING_NONCE_KEY.equals(key)) {
      BigInteger latest = BigInteger.valueOf(now.plus(maxExpiringWindow).getEpochSecond());
      if (tx.validBefore() != null && tx.validBefore().compareTo(latest) > 0) {
        throw new PaymentExceptions.VerificationFailed(
            "An expiring-nonce transaction may stay valid for at most "
                + maxExpiringWindow.toSeconds()
                + " seconds.");
      }
      return;
    }
    BigInteger next = next(sender, key, "pending");
    int order = tx.nonce().compareTo(next);
    if (order > 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The transaction's nonce is ahead of its account; it could not be mined now.");
    }
    if (order < 0) {
      throw new PaymentExceptions.VerificationFailed("The transaction's nonce was already used.");
    }
  }

  /**
   * The next nonce of {@code sender}'s lane {@code key} as of {@code block} ({@code latest} or
   * {@code pending}).
   *
   * @throws RpcException when the node cannot be asked
   */
  BigInteger next(String sender, BigInteger key, String block) {
    return key.signum() == 0 ? protocolNonce(sender, block) : laneNonce(sender, key, block);
  }

  private BigInteger protocolNonce(String sender, String block) {
    return Hex.quantity(rpc.call("eth_getTransactionCount", sender, block).asText());
  }

  private BigInteger laneNonce(String sender, BigInteger key, String block) {
    ObjectNode call = Json.object();
    call.put("to", NONCE_MANAGER);
    call.put(
        "data",
        GET_NONCE
            + Hex.encode(Hex.unsigned(new BigInteger(1, Hex.decode(sender, 20)), 32)).substring(2)
            + Hex.encode(Hex.unsigned(key, 32)).substring(2));
    return Hex.quantity(rpc.call("eth_call", call, block).asText());
  }
}
