package io.mpp4j.evm;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Account nonces of the settlement key, unique across every instance that shares the store and the
 * key: each nonce from the node's pending count upwards is claimed in the store before a
 * transaction uses it, and released when the node refused that transaction (so the gap is filled by
 * the next settlement). Claims expire after {@link #CLAIM_TTL}, by when a transaction that was sent
 * is mined or gone.
 */
final class NonceAllocator {
  static final String NAMESPACE = "evm:nonce:";
  static final Duration CLAIM_TTL = Duration.ofMinutes(10);
  private static final int MAX_AHEAD = 64;

  private final JsonRpc rpc;
  private final String account;
  private final String prefix;

  NonceAllocator(JsonRpc rpc, long chainId, String account) {
    this.rpc = rpc;
    this.account = account;
    this.prefix = NAMESPACE + chainId + ":" + account + ":";
  }

  /**
   * A nonce no other settlement uses.
   *
   * @throws RpcException when the node cannot be asked
   * @throws PaymentExceptions.ServiceUnavailable when the store is down or too many settlements are
   *     under way
   */
  BigInteger allocate(Store store) {
    BigInteger next =
        Hex.quantity(rpc.call("eth_getTransactionCount", account, "pending").asText());
    try {
      for (int i = 0; i < MAX_AHEAD; i++) {
        BigInteger candidate = next.add(BigInteger.valueOf(i));
        if (store.claim(prefix + candidate, CLAIM_TTL)) {
          return candidate;
        }
      }
    } catch (StoreUnavailableException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "Payment store is unavailable; retry later.", e);
    }
    throw new PaymentExceptions.ServiceUnavailable(
        "Too many settlements are under way; retry shortly.", null);
  }

  /** Gives back a nonce whose transaction never reached the network. */
  void release(Store store, BigInteger nonce) {
    try {
      store.release(prefix + nonce);
    } catch (StoreUnavailableException e) {
      // the claim expires by itself; until then the next nonce is used
    }
  }
}
