package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;

/**
 * The payee's side of the escrow (draft-tempo-session-00 §"Server-Initiated Operations"): reads a
 * channel with {@code getChannel}, and sends the server's own {@code settle} and {@code close}
 * transactions, signed with the payee key, fees paid by the payee in its fee token. Gas is
 * estimated per call as a plain {@code {from, to, data}} call, because anvil in Tempo mode ignores
 * the calls of a {@code 0x76} transaction when estimating. Sends are serialised per instance so
 * that protocol nonces do not collide; a nonce taken by another instance is retried.
 */
final class PayeeWallet {
  /** Gas a Tempo transaction needs beyond its call (signature checks, fee token transfer). */
  static final long GAS_OVERHEAD = 30_000;

  private static final System.Logger LOG = System.getLogger(PayeeWallet.class.getName());
  private static final int SEND_ATTEMPTS = 3;

  private final JsonRpc rpc;
  private final Broadcaster broadcaster;
  private final BigInteger key;
  private final String address;
  private final long chainId;
  private final String feeToken;

  PayeeWallet(JsonRpc rpc, Broadcaster broadcaster, BigInteger key, long chainId, String feeToken) {
    this.rpc = rpc;
    this.broadcaster = broadcaster;
    this.key = key;
    this.address = Secp256k1.address(key);
    this.chainId = chainId;
    this.feeToken = Hex.address(feeToken);
  }

  String address() {
    return address;
  }

  /**
   * The channel as the escrow holds it now.
   *
   * @throws RpcException when the node cannot answer
   */
  Escrow.OnChain read(String escrow, String channelId) {
    ObjectNode call = Json.object();
    call.put("to", escrow);
    call.put("data", Hex.encode(Escrow.getChannel(channelId)));
    JsonNode result = rpc.call("eth_call", call, "latest");
    try {
      return Escrow.decodeChannel(Hex.decode(result.asText()));
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("getChannel: " + e.getMessage());
    }
  }

  /**
   * The TIP-20 balance of {@code owner} in {@code token}.
   *
   * @throws RpcException when the node cannot answer
   */
  BigInteger balance(String token, String owner) {
    ObjectNode call = Json.object();
    call.put("to", token);
    call.put("data", Tip20.BALANCE_OF_SELECTOR + "0".repeat(24) + owner.substring(2));
    return quantity(rpc.call("eth_call", call, "latest"));
  }

  /**
   * The receipt of a transaction, or null while the node has none.
   *
   * @throws RpcException when the node cannot answer
   */
  JsonNode receipt(String hash) {
    JsonNode receipt = rpc.call("eth_getTransactionReceipt", hash);
    return receipt != null && receipt.isObject() ? receipt : null;
  }

  /**
   * Whether the node holds a transaction, mined or waiting.
   *
   * @throws RpcException when the node cannot answer
   */
  boolean known(String hash) {
    JsonNode tx = rpc.call("eth_getTransactionByHash", hash);
    return tx != null && tx.isObject();
  }

  /**
   * Sends one call from the payee and returns the transaction hash once it succeeded.
   *
   * @throws Broadcaster.BroadcastException when it was not mined, or reverted ({@code rejected})
   * @throws RpcException when the node cannot prepare it
   */
  String send(String to, byte[] data) {
    return send(to, data, hash -> {}).hash();
  }

  /** A payee transaction that succeeded: its hash and receipt. */
  record Mined(String hash, JsonNode receipt) {}

  /**
   * As {@link #send(String, byte[])}, telling {@code sending} the hash of each attempt before it is
   * broadcast (the last one told is the one a failure is about), and returning the receipt too.
   */
  synchronized Mined send(String to, byte[] data, Consumer<String> sending) {
    Broadcaster.BroadcastException last = null;
    for (int attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
      TempoTransaction tx = prepare(to, data);
      byte[] raw = tx.encode();
      String hash = Hex.encode(Keccak.hash(raw));
      sending.accept(hash);
      JsonNode receipt;
      try {
        receipt = broadcaster.send(Hex.encode(raw), hash);
      } catch (Broadcaster.BroadcastException e) {
        if (e.rejected() && String.valueOf(e.getMessage()).toLowerCase().contains("nonce")) {
          last = e;
          continue;
        }
        throw e;
      }
      if (!"0x1".equals(receipt.path("status").asText())) {
        throw new Broadcaster.BroadcastException("reverted: " + hash, false, true, null);
      }
      LOG.log(System.Logger.Level.INFO, "payee transaction {0} mined", hash);
      return new Mined(hash, receipt);
    }
    throw last;
  }

  private TempoTransaction prepare(String to, byte[] data) {
    ObjectNode estimate = Json.object();
    estimate.put("from", address);
    estimate.put("to", to);
    estimate.put("data", Hex.encode(data));
    BigInteger gas = quantity(rpc.call("eth_estimateGas", estimate));
    BigInteger gasPrice = quantity(rpc.call("eth_gasPrice"));
    BigInteger nonce = quantity(rpc.call("eth_getTransactionCount", address, "pending"));
    TempoTransaction unsigned =
        new TempoTransaction(
            BigInteger.valueOf(chainId),
            BigInteger.ZERO,
            gasPrice.shiftLeft(1),
            gas.add(gas.divide(BigInteger.TEN)).add(BigInteger.valueOf(GAS_OVERHEAD)),
            List.of(new TempoTransaction.Call(to, BigInteger.ZERO, data)),
            Rlp.list(),
            BigInteger.ZERO,
            nonce,
            null,
            null,
            feeToken,
            new TempoTransaction.NoFeePayer(),
            Rlp.list(),
            null,
            null);
    Secp256k1.Signature signature = Secp256k1.sign(unsigned.senderSigningHash(), key);
    return unsigned.withSenderSignature(signature.toBytes65());
  }

  private static BigInteger quantity(JsonNode node) {
    try {
      return Hex.quantity(node == null ? null : node.asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("expected a quantity");
    }
  }
}
