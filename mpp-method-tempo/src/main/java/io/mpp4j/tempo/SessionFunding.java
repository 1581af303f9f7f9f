package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ReplayClaims;
import io.mpp4j.core.SessionRequest;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The client-signed transactions that fund a channel (draft-tempo-session-00 §"Open Verification"
 * step 1, §"TopUp Verification" step 1), checked like a pull charge before anything is sent: the
 * chain, the validity window, the calls ({@code approve(escrow, deposit)} on the currency, then the
 * escrow call, nothing else, no value), the payee, token and channel id, the sponsor policy when
 * the server pays fees; then the hash is claimed, the transaction co-signed if sponsored and
 * broadcast, and its receipt checked.
 */
final class SessionFunding {
  private static final System.Logger LOG = System.getLogger(SessionFunding.class.getName());

  private final SessionConfig config;
  private final Broadcaster broadcaster;
  private final Sponsor sponsor;
  private final PayeeWallet wallet;

  SessionFunding(
      SessionConfig config, Broadcaster broadcaster, Sponsor sponsor, PayeeWallet wallet) {
    this.config = config;
    this.broadcaster = broadcaster;
    this.sponsor = sponsor;
    this.wallet = wallet;
  }

  /** A checked open transaction: its arguments and payer. */
  record CheckedOpen(TempoTransaction tx, Escrow.Open open, String payer) {}

  /** A checked top-up transaction. */
  record CheckedTopUp(TempoTransaction tx, String payer) {}

  CheckedOpen checkOpen(
      SessionPayload payload, SessionRequest request, Instant now, Instant expires) {
    TempoTransaction tx = decode(payload.transaction());
    List<TempoTransaction.Call> calls = checkCommon(tx, now, expires);
    TempoTransaction.Call last = calls.get(calls.size() - 1);
    Escrow.Open open =
        config.escrow().equals(last.to()) ? Escrow.decodeOpen(last.input()).orElse(null) : null;
    if (open == null) {
      throw refuse("The transaction does not open a channel on the escrow.");
    }
    checkApprove(calls, open.deposit(), Hex.address(request.currency()));
    if (!open.payee().equals(Hex.address(request.recipient()))) {
      throw refuse("The channel's payee is not this server's recipient.");
    }
    if (!open.token().equals(Hex.address(request.currency()))) {
      throw refuse("The channel's token is not the requested currency.");
    }
    BigInteger minimum = request.amount().max(config.minDeposit());
    if (open.deposit().compareTo(minimum) < 0) {
      throw refuse(
          "The channel deposit "
              + open.deposit()
              + " is below this server's minimum deposit of "
              + minimum
              + " base units.");
    }
    String payer = sender(tx);
    if (payload.authorizedSigner() != null
        && !payload.authorizedSigner().equals(open.signer())
        && !(Hex.isZeroAddress(open.signer()) && payload.authorizedSigner().equals(payer))) {
      throw refuse("payload.authorizedSigner is not the signer the transaction authorizes.");
    }
    String channelId =
        Escrow.channelId(
            payer,
            open.payee(),
            open.token(),
            open.salt(),
            open.signer(),
            config.escrow(),
            config.chainId());
    if (!channelId.equals(payload.channelId())) {
      throw refuse("The open transaction does not match payload.channelId.");
    }
    return new CheckedOpen(tx, open, payer);
  }

  CheckedTopUp checkTopUp(
      SessionPayload payload, SessionRequest request, Instant now, Instant expires) {
    TempoTransaction tx = decode(payload.transaction());
    List<TempoTransaction.Call> calls = checkCommon(tx, now, expires);
    TempoTransaction.Call last = calls.get(calls.size() - 1);
    Escrow.TopUp topUp =
        config.escrow().equals(last.to()) ? Escrow.decodeTopUp(last.input()).orElse(null) : null;
    if (topUp == null || !topUp.channelId().equals(payload.channelId())) {
      throw refuse("The transaction does not top up this channel on the escrow.");
    }
    if (!topUp.amount().equals(payload.additionalDeposit())) {
      throw refuse("The top-up amount is not payload.additionalDeposit.");
    }
    checkApprove(calls, topUp.amount(), Hex.address(request.currency()));
    return new CheckedTopUp(tx, sender(tx));
  }

  /**
   * Claims, co-signs when sponsored, and broadcasts; returns the transaction hash once mined.
   *
   * @throws PaymentExceptions.VerificationFailed when the network refuses or reverts it
   * @throws PaymentExceptions.ServiceUnavailable when it may or may not have been mined
   */
  String send(
      TempoTransaction checked, String payer, String currency, BigInteger amount, Store store) {
    TempoTransaction tx = checked;
    if (tx.isSponsored()) {
      requireBalance(payer, currency, amount);
      tx = sponsor.cosign(tx, payer, currency);
    }
    byte[] raw = tx.encode();
    String hash = Hex.encode(Keccak.hash(raw));
    Store replay = config.replayStore() != null ? config.replayStore() : store;
    ReplayClaims.claimOrReject(replay, ChargeVerifier.NAMESPACE, hash, config.replayTtl());
    JsonNode receipt;
    try {
      receipt = broadcaster.send(Hex.encode(raw), hash);
    } catch (Broadcaster.BroadcastException e) {
      LOG.log(
          System.Logger.Level.WARNING, "channel transaction {0} failed: {1}", hash, e.getMessage());
      if (!e.maybeSent()) {
        ReplayClaims.release(replay, ChargeVerifier.NAMESPACE, hash);
      }
      if (e.rejected()) {
        throw refuse("The network rejected the channel transaction.");
      }
      if (e.maybeSent()) {
        // not an unknown payment for the engine to record: a deposit pays the escrow, not the payee
        throw new PaymentExceptions.ServiceUnavailable(
            "The channel transaction was sent but not confirmed in time.", e);
      }
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
    if (!"0x1".equals(receipt.path("status").asText())) {
      throw refuse("The channel transaction reverted.");
    }
    return hash;
  }

  /** Before paying a payer's fees, checks that the transaction cannot fail for lack of funds. */
  private void requireBalance(String payer, String currency, BigInteger amount) {
    BigInteger balance;
    try {
      balance = wallet.balance(currency, payer);
    } catch (RpcException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
    if (balance.compareTo(amount) < 0) {
      throw refuse("The payer's balance does not cover the deposit.");
    }
  }

  private List<TempoTransaction.Call> checkCommon(
      TempoTransaction tx, Instant now, Instant expires) {
    if (!BigInteger.valueOf(config.chainId()).equals(tx.chainId())) {
      throw refuse("The transaction is for another chain.");
    }
    if (tx.feePayer() instanceof TempoTransaction.FeePayerSignature) {
      throw refuse("The transaction is already co-signed by a fee payer.");
    }
    if (tx.isSponsored()) {
      if (!config.sponsored() || sponsor == null) {
        throw refuse("This challenge does not sponsor transaction fees.");
      }
      sponsor.check(tx, now);
    } else if (tx.feeToken() == null) {
      throw refuse("The transaction must name its fee token.");
    }
    List<TempoTransaction.Call> calls = tx.calls();
    if (calls.size() > 2) {
      throw refuse("The transaction contains unauthorized extra calls.");
    }
    for (TempoTransaction.Call call : calls) {
      if (call.value().signum() != 0 || call.to() == null) {
        throw refuse("The transaction contains an unauthorized call.");
      }
    }
    BigInteger nowSeconds = BigInteger.valueOf(now.getEpochSecond());
    if (tx.validBefore() != null && tx.validBefore().compareTo(nowSeconds) <= 0) {
      throw new PaymentExceptions.PaymentExpired("The signed transaction has already expired.");
    }
    if (tx.validBefore() != null && expires != null) {
      long last = expires.getEpochSecond() + 60;
      if (tx.validBefore().compareTo(BigInteger.valueOf(last)) > 0) {
        throw refuse("The transaction stays valid after the challenge expires.");
      }
    }
    return calls;
  }

  private void checkApprove(List<TempoTransaction.Call> calls, BigInteger amount, String currency) {
    if (calls.size() == 1) {
      return;
    }
    TempoTransaction.Call first = calls.get(0);
    Optional<Escrow.Approve> approve =
        currency.equals(first.to()) ? Escrow.decodeApprove(first.input()) : Optional.empty();
    if (approve.isEmpty()
        || !approve.get().spender().equals(config.escrow())
        || !approve.get().amount().equals(amount)) {
      throw refuse("The transaction's first call must approve the escrow for the deposit.");
    }
  }

  private static String sender(TempoTransaction tx) {
    try {
      return tx.sender();
    } catch (IllegalArgumentException e) {
      throw refuse("The transaction signature is invalid: " + e.getMessage() + ".");
    }
  }

  private static TempoTransaction decode(String hex) {
    try {
      return TempoTransaction.decode(Hex.decode(hex));
    } catch (IllegalArgumentException | Rlp.RlpException e) {
      throw new PaymentExceptions.InvalidPayload(
          "payload.transaction is not a signed Tempo (0x76) transaction.");
    }
  }

  private static PaymentExceptions.VerificationFailed refuse(String detail) {
    return new PaymentExceptions.VerificationFailed(detail);
  }
}
