package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;

/**
 * The server's settlement account: its secp256k1 key (never logged or shown), the most gas one
 * settlement may use and the highest fee per gas it pays. Before a transaction is signed it checks
 * that the network's current fees are within the limit and that the account can pay them, so a
 * server whose account ran dry answers 503 instead of broadcasting what cannot be mined.
 */
final class SettlementKey {
  private static final BigInteger FALLBACK_TIP = BigInteger.valueOf(1_000_000_000L);
  private static final System.Logger LOG = System.getLogger(SettlementKey.class.getName());

  private final BigInteger privateKey;
  private final String address;
  private final BigInteger maxFeePerGas;
  private final BigInteger maxGas;

  SettlementKey(BigInteger privateKey, BigInteger maxFeePerGas, BigInteger maxGas) {
    this.privateKey = privateKey;
    this.address = Secp256k1.address(privateKey);
    this.maxFeePerGas = maxFeePerGas;
    this.maxGas = maxGas;
  }

  /** The fees of one transaction: the tip and the cap per gas. */
  record Fees(BigInteger tip, BigInteger maxFee) {}

  String address() {
    return address;
  }

  BigInteger privateKey() {
    return privateKey;
  }

  /** The gas limit for an estimate: a fifth more, refused above the limit. */
  BigInteger gasLimit(BigInteger estimate) {
    BigInteger limit = estimate.add(estimate.divide(BigInteger.valueOf(5)));
    if (limit.compareTo(maxGas) > 0) {
      throw new PaymentExceptions.VerificationFailed(
          "Settling this authorization would need more gas than this server spends.");
    }
    return limit;
  }

  /**
   * Current fees: twice the latest base fee plus the node's suggested tip.
   *
   * @throws RpcException when the node cannot be asked
   * @throws PaymentExceptions.ServiceUnavailable when fees exceed the limit or the account cannot
   *     pay them
   */
  Fees fees(JsonRpc rpc, BigInteger gas) {
    JsonNode block = rpc.call("eth_getBlockByNumber", "latest", false);
    BigInteger base = quantity(block == null ? null : block.get("baseFeePerGas"), BigInteger.ZERO);
    BigInteger tip;
    try {
      tip = quantity(rpc.call("eth_maxPriorityFeePerGas"), FALLBACK_TIP);
    } catch (RpcException e) {
      if (!e.isMethodNotFound()) {
        throw e;
      }
      tip = FALLBACK_TIP;
    }
    BigInteger maxFee = base.shiftLeft(1).add(tip);
    if (maxFee.compareTo(maxFeePerGas) > 0) {
      if (base.compareTo(maxFeePerGas) >= 0) {
        throw new PaymentExceptions.ServiceUnavailable(
            "Network fees are above this server's limit; retry later.", null);
      }
      maxFee = maxFeePerGas;
      tip = tip.min(maxFee.subtract(base));
    }
    BigInteger balance = quantity(rpc.call("eth_getBalance", address, "pending"), null);
    if (balance.compareTo(gas.multiply(maxFee)) < 0) {
      LOG.log(System.Logger.Level.ERROR, "settlement account {0} cannot pay gas", address);
      throw new PaymentExceptions.ServiceUnavailable(
          "The settlement account cannot pay the network fee; retry later.", null);
    }
    return new Fees(tip, maxFee);
  }

  private static BigInteger quantity(JsonNode value, BigInteger fallback) {
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw RpcException.badResponse("missing quantity");
      }
      return fallback;
    }
    try {
      return Hex.quantity(value.asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("malformed quantity");
    }
  }

  @Override
  public String toString() {
    return "SettlementKey[" + address + "]";
  }
}
