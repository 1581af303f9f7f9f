package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ReplayClaims;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two credential types whose gas the client pays (draft-evm-charge-00, transaction and hash
 * verification): a signed EIP-1559 {@code transfer} the server checks and broadcasts, and the hash
 * of one the client broadcast. Both bind the payment to the challenge only weakly (the spec says
 * so): the transfer's hash is claimed once, and a hash credential must name a transfer mined within
 * {@code maxAge}. Opt-in through {@code credentialTypes}.
 */
final class ClientTransactions {
  static final String NAMESPACE = "evm:tx";
  private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final byte[] TRANSFER = Keccak.selector("transfer(address,uint256)");

  private final JsonRpc rpc;
  private final Broadcaster broadcaster;
  private final Store replayStore;
  private final Duration replayTtl;
  private final Duration maxAge;

  ClientTransactions(
      JsonRpc rpc,
      Broadcaster broadcaster,
      Store replayStore,
      Duration replayTtl,
      Duration maxAge) {
    this.rpc = rpc;
    this.broadcaster = broadcaster;
    this.replayStore = replayStore;
    this.replayTtl = replayTtl;
    this.maxAge = maxAge;
  }

  /** Checks, broadcasts and proves a client-signed transfer; returns its hash. */
  String pull(Credential credential, EvmTerms terms, VerificationContext<ChargeRequest> context) {
    requireNoSplits(terms);
    byte[] raw;
    Rlp.Items fields;
    try {
      raw = Hex.decode(credential.payloadString("signature").orElse(""));
      if (raw.length < 2 || raw[0] != Eip1559.TYPE) {
        throw new IllegalArgumentException("not a type-2 transaction");
      }
      fields = (Rlp.Items) Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length));
      if (fields.size() != 12) {
        throw new IllegalArgumentException("a type-2 transaction has 12 fields");
      }
    } catch (IllegalArgumentException | ClassCastException | Rlp.RlpException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The payload is not a signed EIP-1559 transaction.");
    }
    String sender = check(fields, terms, credential);
    String hash = Hex.encode(Keccak.hash(raw));
    Store store = store(context);
    ReplayClaims.claimOrReject(store, NAMESPACE, hash, replayTtl);
    context.submitted(hash, null);
    JsonNode receipt;
    try {
      receipt = broadcaster.send(Hex.encode(raw), hash);
    } catch (Broadcaster.BroadcastException e) {
      if (!e.maybeSent()) {
        ReplayClaims.release(store, NAMESPACE, hash);
      }
      if (e.rejected()) {
        throw new PaymentExceptions.VerificationFailed("The network refused the transaction.");
      }
      if (e.maybeSent()) {
        throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
            "The transaction was sent but not confirmed in time.", e);
      }
      throw new PaymentExceptions.ServiceUnavailable(
          "The EVM network is unreachable; retry later.", e);
    }
    try {
      ReceiptCheck.verify(receipt, expected(hash, terms, sender));
    } catch (RpcException e) {
      throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
          "The transaction was sent but its receipt could not be read.", e);
    }
    return hash;
  }

  private static String check(Rlp.Items fields, EvmTerms terms, Credential credential) {
    try {
      long chainId = integer(fields, 0).longValueExact();
      String to = Hex.encode(((Rlp.Bytes) fields.get(5)).value());
      byte[] data = ((Rlp.Bytes) fields.get(7)).value();
      byte[] expected =
          Eip3009.concat(
              TRANSFER, Eip3009.addressWord(terms.recipient()), Eip3009.word(terms.amount()));
      if (chainId != terms.chainId()
          || !to.equals(terms.currency())
          || integer(fields, 6).signum() != 0
          || !Arrays.equals(data, expected)) {
        throw new PaymentExceptions.VerificationFailed(
            "The transaction does not transfer the price to the recipient on this chain.");
      }
      Secp256k1.Signature signature =
          new Secp256k1.Signature(
              integer(fields, 10), integer(fields, 11), integer(fields, 9).intValueExact());
      if (signature.yParity() > 1 || !signature.isLowS()) {
        throw new PaymentExceptions.VerificationFailed("The transaction signature is invalid.");
      }
      byte[] unsigned =
          Eip3009.concat(
              new byte[] {Eip1559.TYPE}, Rlp.encode(Rlp.list(fields.items().subList(0, 9))));
      String sender =
          Secp256k1.recover(Keccak.hash(unsigned), signature)
              .orElseThrow(
                  () ->
                      new PaymentExceptions.VerificationFailed(
                          "The transaction signature is invalid."));
      if (credential.source() != null
          && !PayerSource.address(credential.source(), terms.chainId()).equals(sender)) {
        throw new PaymentExceptions.VerificationFailed(
            "The credential source is not the transaction's sender.");
      }
      return sender;
    } catch (ClassCastException | ArithmeticException | Rlp.RlpException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The payload is not a signed EIP-1559 transaction.");
    }
  }

  /** Proves a transfer the client broadcast itself; returns its hash. */
  String push(Credential credential, EvmTerms terms, VerificationContext<ChargeRequest> context) {
    requireNoSplits(terms);
    String hash = credential.payloadString("hash").orElse("");
    if (!HASH.matcher(hash).matches()) {
      throw new PaymentExceptions.MalformedCredential("The payload hash is not a 32-byte hash.");
    }
    hash = hash.toLowerCase(Locale.ROOT);
    String source =
        credential.source() == null
            ? null
            : PayerSource.address(credential.source(), terms.chainId());
    Store store = store(context);
    ReplayClaims.claimOrReject(store, NAMESPACE, hash, replayTtl);
    try {
      JsonNode receipt = rpc.call("eth_getTransactionReceipt", hash);
      if (receipt == null || !receipt.isObject()) {
        throw new PaymentExceptions.VerificationFailed(
            "The transaction was not found; it may still be pending.");
      }
      String from = source != null ? source : Hex.address(receipt.path("from").asText(""));
      ReceiptCheck.verify(receipt, expected(hash, terms, from));
      requireRecent(receipt, context);
      return hash;
    } catch (PaymentException e) {
      ReplayClaims.release(store, NAMESPACE, hash);
      throw e;
    } catch (RpcException | IllegalArgumentException e) {
      ReplayClaims.release(store, NAMESPACE, hash);
      throw Settler.unavailable(
          e instanceof RpcException r ? r : RpcException.badResponse("malformed receipt"));
    }
  }

  private void requireRecent(JsonNode receipt, VerificationContext<ChargeRequest> context) {
    JsonNode block = rpc.call("eth_getBlockByNumber", receipt.path("blockNumber").asText(), false);
    long minedAt = Hex.quantity(block.path("timestamp").asText()).longValueExact();
    if (minedAt < context.now().minus(maxAge).getEpochSecond()) {
      throw new PaymentExceptions.VerificationFailed(
          "The transaction is older than this server accepts for a payment.");
    }
  }

  private static ReceiptCheck.Expected expected(String hash, EvmTerms terms, String from) {
    return new ReceiptCheck.Expected(
        hash, terms.currency(), from, terms.recipient(), terms.amount());
  }

  private static BigInteger integer(Rlp.Items fields, int index) {
    return ((Rlp.Bytes) fields.get(index)).asInteger();
  }

  private static void requireNoSplits(EvmTerms terms) {
    if (terms.splits()) {
      throw new PaymentExceptions.VerificationFailed(
          "Splits can only be paid with Permit2 credentials.");
    }
  }

  private Store store(VerificationContext<ChargeRequest> context) {
    return replayStore != null ? replayStore : context.store();
  }
}
