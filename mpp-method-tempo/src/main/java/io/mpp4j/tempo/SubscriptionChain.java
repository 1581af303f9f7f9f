package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;

/**
 * What subscriptions read from the chain: its time (the latest block's timestamp: billing periods
 * follow chain time, draft-tempo-subscription-00 §"Billing Anchor"), the base fee, a payer's token
 * balance, the state of an access key in the AccountKeychain precompile ({@code getKey}: revoked,
 * expired or missing), and receipts with their block timestamps. Every failure is an {@link
 * RpcException}.
 */
final class SubscriptionChain {
  /** The AccountKeychain precompile. */
  static final String KEYCHAIN = "0xaaaaaaaa00000000000000000000000000000000";

  private static final String GET_KEY = Hex.encode(Keccak.selector("getKey(address,address)"));

  private final JsonRpc rpc;
  private final long refreshNanos;
  private volatile long offsetSeconds;
  private volatile long fetchedAt;
  private volatile boolean fetched;

  SubscriptionChain(JsonRpc rpc, Duration refresh) {
    this.rpc = rpc;
    this.refreshNanos = refresh.toNanos();
  }

  /** An access key's state on chain. */
  record KeyState(boolean present, boolean revoked, long expiry) {
    /** Whether the key can still sign at {@code now}. */
    boolean usable(long now) {
      return present && !revoked && (expiry == 0 || expiry > now);
    }
  }

  /** The latest block. */
  JsonNode latestBlock() {
    JsonNode block = rpc.call("eth_getBlockByNumber", "latest", false);
    if (block == null || !block.isObject()) {
      throw RpcException.badResponse("no latest block");
    }
    long timestamp = quantity(block, "timestamp").longValueExact();
    offsetSeconds = timestamp - System.currentTimeMillis() / 1000;
    fetchedAt = System.nanoTime();
    fetched = true;
    return block;
  }

  /**
   * Chain time in unix seconds: the latest block's timestamp, asked again once {@code refresh} has
   * passed and advanced with the local clock in between.
   */
  long now() {
    if (!fetched || System.nanoTime() - fetchedAt >= refreshNanos) {
      latestBlock();
    }
    return System.currentTimeMillis() / 1000 + offsetSeconds;
  }

  /** The base fee of the latest block (the gas price when the node reports none). */
  BigInteger baseFee(JsonNode block) {
    JsonNode fee = block.get("baseFeePerGas");
    if (fee != null && fee.isTextual()) {
      return Hex.quantity(fee.asText());
    }
    return Hex.quantity(rpc.call("eth_gasPrice").asText());
  }

  /** {@code owner}'s balance of {@code token}. */
  BigInteger balance(String token, String owner) {
    ObjectNode call = Json.object();
    call.put("to", token);
    call.put("data", Tip20.BALANCE_OF_SELECTOR + word(owner));
    return Hex.quantity(rpc.call("eth_call", call, "latest").asText());
  }

  /** {@code getKey(account, keyId)} of the AccountKeychain precompile. */
  KeyState key(String account, String keyId) {
    ObjectNode call = Json.object();
    call.put("to", KEYCHAIN);
    call.put("data", GET_KEY + word(account) + word(keyId));
    byte[] out = Hex.decode(rpc.call("eth_call", call, "latest").asText());
    if (out.length != 5 * 32) {
      throw RpcException.badResponse("getKey returned " + out.length + " bytes");
    }
    boolean present = !new BigInteger(1, Arrays.copyOfRange(out, 32, 64)).equals(BigInteger.ZERO);
    long expiry = new BigInteger(1, Arrays.copyOfRange(out, 64, 96)).longValueExact();
    boolean revoked = out[5 * 32 - 1] != 0;
    return new KeyState(present, revoked, expiry);
  }

  /** The receipt of {@code hash}, or null when the chain has none (yet). */
  JsonNode receipt(String hash) {
    JsonNode receipt = rpc.call("eth_getTransactionReceipt", hash);
    return receipt == null || !receipt.isObject() ? null : receipt;
  }

  /** The timestamp of the block a receipt is in. */
  long blockTime(JsonNode receipt) {
    JsonNode stamp = receipt.get("blockTimestamp");
    if (stamp != null && stamp.isTextual()) {
      return Hex.quantity(stamp.asText()).longValueExact();
    }
    JsonNode number = receipt.get("blockNumber");
    if (number == null || !number.isTextual()) {
      throw RpcException.badResponse("receipt has no block number");
    }
    JsonNode block = rpc.call("eth_getBlockByNumber", number.asText(), false);
    if (block == null || !block.isObject()) {
      throw RpcException.badResponse("the receipt's block is missing");
    }
    return quantity(block, "timestamp").longValueExact();
  }

  private static BigInteger quantity(JsonNode node, String name) {
    try {
      return Hex.quantity(node.path(name).asText(null));
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("block " + name + " is malformed");
    }
  }

  private static String word(String address) {
    return "0".repeat(24) + Hex.address(address).substring(2);
  }
}
