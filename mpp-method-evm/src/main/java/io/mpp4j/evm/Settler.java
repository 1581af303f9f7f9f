package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ReplayClaims;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;

/**
 * Settles a verified EIP-3009 authorization with the server's key (draft-evm-charge-00,
 * authorization settlement): claims {@code (chain, token, from, nonce)} in the store, checks the
 * payer's balance, estimates gas (a call the token would revert is refused here, before anything is
 * spent), checks the network fee against the limit and the settlement account's funds, allocates an
 * account nonce, signs and broadcasts {@code transferWithAuthorization} and checks the receipt.
 * Node error text goes to the log, never to the client.
 */
final class Settler {
  static final String NAMESPACE = "evm:authorization";
  private static final System.Logger LOG = System.getLogger(Settler.class.getName());

  private final JsonRpc rpc;
  private final Broadcaster broadcaster;
  private final SettlementKey key;
  private final long chainId;
  private final NonceAllocator nonces;
  private final BroadcastLimiter limiter;
  private final Store replayStore;
  private final Duration replayTtl;

  Settler(
      JsonRpc rpc,
      Broadcaster broadcaster,
      SettlementKey key,
      long chainId,
      BroadcastLimiter limiter,
      Store replayStore,
      Duration replayTtl) {
    this.rpc = rpc;
    this.broadcaster = broadcaster;
    this.key = key;
    this.chainId = chainId;
    this.nonces = new NonceAllocator(rpc, chainId, key.address());
    this.limiter = limiter;
    this.replayStore = replayStore;
    this.replayTtl = replayTtl;
  }

  /** The replay key of an authorization: its token, signer and nonce on this chain. */
  String replayKey(String token, Authorization a) {
    return chainId + ":" + token + ":" + a.from() + ":" + a.nonce();
  }

  /** Settles {@code a} and returns the settlement transaction's hash. */
  String settle(Authorization a, EvmTerms terms, VerificationContext<ChargeRequest> context) {
    Store store = replayStore != null ? replayStore : context.store();
    String replayKey = replayKey(terms.currency(), a);
    try (BroadcastLimiter.Permit permit = limiter.acquire(a.from())) {
      ReplayClaims.claimOrReject(store, NAMESPACE, replayKey, replayTtl);
      Prepared prepared;
      try {
        prepared = prepare(a, terms, store);
      } catch (RuntimeException e) {
        ReplayClaims.release(store, NAMESPACE, replayKey);
        throw e instanceof RpcException rpcFailure ? unavailable(rpcFailure) : e;
      }
      return broadcast(prepared, a, terms, context, store, replayKey);
    }
  }

  private record Prepared(byte[] raw, String hash, BigInteger nonce) {}

  private Prepared prepare(Authorization a, EvmTerms terms, Store store) {
    byte[] data = Eip3009.call(a);
    requireBalance(a, terms);
    BigInteger gas = key.gasLimit(estimate(terms.currency(), data));
    SettlementKey.Fees fees = key.fees(rpc, gas);
    BigInteger nonce = nonces.allocate(store);
    byte[] raw =
        new Eip1559(
                chainId,
                nonce,
                fees.tip(),
                fees.maxFee(),
                gas,
                terms.currency(),
                BigInteger.ZERO,
                data)
            .sign(key.privateKey());
    return new Prepared(raw, Hex.encode(Keccak.hash(raw)), nonce);
  }

  private String broadcast(
      Prepared tx,
      Authorization a,
      EvmTerms terms,
      VerificationContext<ChargeRequest> context,
      Store store,
      String replayKey) {
    context.submitted(tx.hash(), ChargeRecovery.data(tx.hash(), terms.currency(), a, replayKey));
    JsonNode receipt;
    try {
      receipt = broadcaster.send(Hex.encode(tx.raw()), tx.hash());
    } catch (Broadcaster.BroadcastException e) {
      LOG.log(System.Logger.Level.WARNING, "settlement {0} failed: {1}", tx.hash(), e.getMessage());
      if (!e.maybeSent()) {
        nonces.release(store, tx.nonce());
        ReplayClaims.release(store, NAMESPACE, replayKey);
      }
      if (e.rejected()) {
        throw new PaymentExceptions.VerificationFailed(
            "The network refused the settlement transaction.");
      }
      if (e.maybeSent()) {
        throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
            "The settlement transaction was sent but not confirmed in time.", e);
      }
      throw new PaymentExceptions.ServiceUnavailable(
          "The EVM network is unreachable; retry later.", e);
    }
    try {
      ReceiptCheck.verify(
          receipt,
          new ReceiptCheck.Expected(
              tx.hash(), terms.currency(), a.from(), terms.recipient(), terms.amount()));
    } catch (RpcException e) {
      LOG.log(
          System.Logger.Level.WARNING, "receipt of {0} unreadable: {1}", tx.hash(), e.getMessage());
      throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
          "The settlement transaction was sent but its receipt could not be read.", e);
    }
    return tx.hash();
  }

  private void requireBalance(Authorization a, EvmTerms terms) {
    ObjectNode call = Json.object();
    call.put("to", terms.currency());
    call.put("data", Eip3009.balanceOf(a.from()));
    BigInteger balance;
    try {
      balance = Hex.quantity(rpc.call("eth_call", call, "latest").asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("balanceOf returned no number");
    }
    if (balance.compareTo(a.value()) < 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The payer's balance does not cover the payment.");
    }
  }

  /** Gas for the call; a call the token would revert is refused (no node text). */
  private BigInteger estimate(String token, byte[] data) {
    ObjectNode call = Json.object();
    call.put("from", key.address());
    call.put("to", token);
    call.put("data", Hex.encode(data));
    try {
      return Hex.quantity(rpc.call("eth_estimateGas", call).asText());
    } catch (RpcException e) {
      if (e.kind() == RpcException.Kind.ERROR && isRevert(e)) {
        LOG.log(
            System.Logger.Level.INFO, "authorization refused by the token: {0}", e.getMessage());
        throw new PaymentExceptions.VerificationFailed(
            "The token refuses this authorization (used, cancelled or unfunded).");
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("eth_estimateGas returned no number");
    }
  }

  private static boolean isRevert(RpcException e) {
    String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e.code() == 3 || text.contains("revert") || text.contains("execution");
  }

  static PaymentExceptions.ServiceUnavailable unavailable(RpcException e) {
    LOG.log(System.Logger.Level.WARNING, "EVM RPC failed: {0}", e.getMessage());
    return new PaymentExceptions.ServiceUnavailable(
        "The EVM network could not be reached; retry later.", e);
  }
}
