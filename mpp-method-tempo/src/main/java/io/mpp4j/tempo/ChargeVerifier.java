package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.BroadcastLimiter;
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
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Verifies and settles the three Tempo charge payloads (draft-tempo-charge-00 §5, §7): {@code
 * transaction} (pull: check, claim, co-sign, broadcast, check the receipt), {@code hash} (push:
 * claim, fetch the receipt, check it) and {@code proof} (zero amount: EIP-712 signature by the
 * source). Transaction hashes are claimed in the replay store under {@value #NAMESPACE}.
 */
final class ChargeVerifier {
  static final String NAMESPACE = "tempo:tx";
  private static final Pattern HASH = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");
  private static final System.Logger LOG = System.getLogger(ChargeVerifier.class.getName());

  private final JsonRpc rpc;
  private final Broadcaster broadcaster;
  private final Sponsor sponsor;
  private final Store replayStore;
  private final Duration replayTtl;
  private final NonceCheck nonces;
  private final BroadcastLimiter limiter;

  ChargeVerifier(
      JsonRpc rpc,
      Broadcaster broadcaster,
      Sponsor sponsor,
      Store replayStore,
      Duration replayTtl,
      NonceCheck nonces,
      BroadcastLimiter limiter) {
    this.rpc = rpc;
    this.broadcaster = broadcaster;
    this.sponsor = sponsor;
    this.replayStore = replayStore;
    this.replayTtl = replayTtl;
    this.nonces = nonces;
    this.limiter = limiter;
  }

  /** Settles a pull-mode credential and returns the transaction hash. */
  String pull(
      Credential credential, ChargeTerms terms, VerificationContext<ChargeRequest> context) {
    if (!terms.allows(ChargeTerms.PULL)) {
      throw new PaymentExceptions.VerificationFailed(
          "This challenge does not accept transaction credentials.");
    }
    TempoTransaction received = decode(requireString(credential, "signature"));
    PullCheck.Checked checked =
        PullCheck.check(
            received,
            terms,
            terms.feePayer() ? sponsor : null,
            context.now(),
            context.expires().orElse(null),
            context.realm(),
            credential.challenge().id(),
            credential.source());
    TempoTransaction tx = checked.transaction();
    try {
      nonces.check(tx, checked.sender(), context.now());
    } catch (RpcException e) {
      throw unavailable(e);
    }
    if (tx.isSponsored()) {
      requireBalance(checked.sender(), terms);
      tx = sponsor.cosign(tx, checked.sender(), terms.currency());
    }
    try (BroadcastLimiter.Permit permit = limiter.acquire(checked.sender())) {
      return broadcast(credential, terms, context, tx, checked.sender());
    }
  }

  private String broadcast(
      Credential credential,
      ChargeTerms terms,
      VerificationContext<ChargeRequest> context,
      TempoTransaction tx,
      String sender) {
    byte[] raw = tx.encode();
    String hash = Hex.encode(Keccak.hash(raw));
    Store replay = replayStore != null ? replayStore : context.store();
    ReplayClaims.claimOrReject(replay, NAMESPACE, hash, replayTtl);
    context.submitted(hash, ChargeRecovery.data(hash, sender, tx, context.realm()));
    JsonNode receipt;
    try {
      receipt = broadcaster.send(Hex.encode(raw), hash);
    } catch (Broadcaster.BroadcastException e) {
      LOG.log(System.Logger.Level.WARNING, "broadcast of {0} failed: {1}", hash, e.getMessage());
      if (!e.maybeSent()) {
        ReplayClaims.release(replay, NAMESPACE, hash);
      }
      if (e.rejected()) {
        throw new PaymentExceptions.VerificationFailed(
            "The network rejected the payment transaction.");
      }
      if (e.maybeSent()) {
        throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
            "The payment transaction was sent but not confirmed in time; retry with the same"
                + " credential.",
            e);
      }
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
    try {
      return ReceiptCheck.verify(
          receipt, terms, hash, sender, context.realm(), credential.challenge().id());
    } catch (RpcException e) {
      LOG.log(System.Logger.Level.WARNING, "receipt of {0} unreadable: {1}", hash, e.getMessage());
      throw PaymentExceptions.ServiceUnavailable.outcomeUnknown(
          "The payment transaction was sent but its receipt could not be read; retry with the"
              + " same credential.",
          e);
    }
  }

  /**
   * Before paying a payer's fees, checks that the payer holds the charge amount, so the sponsor
   * does not pay gas for a transfer that can only revert.
   */
  private void requireBalance(String payer, ChargeTerms terms) {
    ObjectNode call = Json.object();
    call.put("to", terms.currency());
    call.put("data", Tip20.BALANCE_OF_SELECTOR + "0".repeat(24) + payer.substring(2));
    BigInteger balance;
    try {
      balance = Hex.quantity(rpc.call("eth_call", call, "latest").asText());
    } catch (RpcException e) {
      throw unavailable(e);
    } catch (IllegalArgumentException e) {
      throw unavailable(RpcException.badResponse("balanceOf returned no number"));
    }
    if (balance.compareTo(terms.amount()) < 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The payer's balance does not cover the payment.");
    }
  }

  /** Settles a push-mode credential and returns the transaction hash. */
  String push(
      Credential credential, ChargeTerms terms, VerificationContext<ChargeRequest> context) {
    if (terms.feePayer()) {
      throw new PaymentExceptions.VerificationFailed(
          "Hash credentials are not accepted when the server pays the fees.");
    }
    if (!terms.allows(ChargeTerms.PUSH)) {
      throw new PaymentExceptions.VerificationFailed(
          "This challenge does not accept hash credentials.");
    }
    String hash = normaliseHash(requireString(credential, "hash"));
    String source =
        credential.source() == null
            ? null
            : PayerSource.address(credential.source(), terms.chainId());
    Store replay = replayStore != null ? replayStore : context.store();
    ReplayClaims.claimOrReject(replay, NAMESPACE, hash, replayTtl);
    try {
      JsonNode receipt;
      try {
        receipt = rpc.call("eth_getTransactionReceipt", hash);
      } catch (RpcException e) {
        throw unavailable(e);
      }
      if (receipt == null || receipt.isNull()) {
        throw new PaymentExceptions.VerificationFailed(
            "The payment transaction was not found; it may still be pending.");
      }
      if (!receipt.isObject()) {
        throw unavailable(RpcException.badResponse("receipt is not an object"));
      }
      try {
        String sender = source != null ? source : ReceiptCheck.from(receipt);
        return ReceiptCheck.verify(
            receipt, terms, hash, sender, context.realm(), credential.challenge().id());
      } catch (RpcException e) {
        throw unavailable(e);
      }
    } catch (PaymentException e) {
      // nothing was settled: a hash that does not pay this challenge stays usable for its owner
      ReplayClaims.release(replay, NAMESPACE, hash);
      throw e;
    }
  }

  /** Verifies a zero-amount proof and returns the payer's address. */
  static String proof(Credential credential, ChargeTerms terms, String realm) {
    if (credential.source() == null) {
      throw new PaymentExceptions.VerificationFailed("A proof credential needs a source.");
    }
    String account = PayerSource.address(credential.source(), terms.chainId());
    long chainId = terms.chainId() != null ? terms.chainId() : sourceChain(credential.source());
    Secp256k1.Signature signature;
    try {
      signature =
          Secp256k1.Signature.fromBytes65(Hex.decode(requireString(credential, "signature")));
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The proof signature is not a 65-byte secp256k1 signature.");
    }
    if (!signature.isLowS()) {
      throw new PaymentExceptions.VerificationFailed("The proof signature is not canonical.");
    }
    String challengeId = credential.challenge().id();
    for (ProofTypedData version : ProofTypedData.values()) {
      byte[] digest = version.digest(chainId, challengeId, realm, account);
      if (Secp256k1.recover(digest, signature).filter(account::equals).isPresent()) {
        return account;
      }
    }
    throw new PaymentExceptions.VerificationFailed(
        "The proof signature does not match the source.");
  }

  static TempoTransaction decode(String signature) {
    try {
      return TempoTransaction.decode(Hex.decode(signature));
    } catch (IllegalArgumentException | Rlp.RlpException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The payload is not a signed Tempo (0x76) transaction.");
    }
  }

  static String normaliseHash(String hash) {
    String trimmed = hash.trim();
    if (!HASH.matcher(trimmed).matches()) {
      throw new PaymentExceptions.MalformedCredential(
          "The payload hash is not a 32-byte transaction hash.");
    }
    String digits = trimmed.length() == 66 ? trimmed.substring(2) : trimmed;
    return "0x" + digits.toLowerCase(Locale.ROOT);
  }

  static String requireString(Credential credential, String name) {
    return credential
        .payloadString(name)
        .orElseThrow(
            () -> new PaymentExceptions.InvalidPayload("The payload needs a " + name + "."));
  }

  private static long sourceChain(String source) {
    return Long.parseLong(source.split(":")[3]);
  }

  private static PaymentExceptions.ServiceUnavailable unavailable(RpcException e) {
    LOG.log(System.Logger.Level.WARNING, "Tempo RPC failed: {0}", e.getMessage());
    return new PaymentExceptions.ServiceUnavailable(
        "The Tempo network could not be reached; retry later.", e);
  }
}
