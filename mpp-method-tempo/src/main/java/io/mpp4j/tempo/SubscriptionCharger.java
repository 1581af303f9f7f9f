package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Sends a subscription's charges (draft-tempo-subscription-00 §"Settlement Procedure"): one Tempo
 * transaction per period, signed by the server-held access key on the payer's account (a keychain
 * signature, version 2: the access key signs {@code keccak256(0x04 || tx hash || account)}), its
 * fees sponsored by the server's fee payer so that they never count against the key's spending
 * limit, carrying the payer's key authorization at activation. Gas is set here: nodes estimate
 * without the key authorization, which alone costs about three million.
 */
final class SubscriptionCharger {
  private static final byte KEYCHAIN_V2 = 0x04;
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final SubscriptionChain chain;
  private final Broadcaster broadcaster;
  private final Sponsor sponsor;
  private final BroadcastLimiter limiter;
  private final TempoSubscriptionSettings settings;

  SubscriptionCharger(
      SubscriptionChain chain,
      Broadcaster broadcaster,
      Sponsor sponsor,
      BroadcastLimiter limiter,
      TempoSubscriptionSettings settings) {
    this.chain = chain;
    this.broadcaster = broadcaster;
    this.sponsor = sponsor;
    this.limiter = limiter;
    this.settings = settings;
  }

  /** A signed charge, ready to send. */
  record Charge(String raw, String hash, long validBefore, String memo) {}

  /** How a sent charge ended. */
  sealed interface Outcome {}

  /** Settled in a block with this timestamp. */
  record Settled(long blockTime) implements Outcome {}

  /**
   * Did not settle: refused by the node, reverted, or expired unmined; {@code mined} when it is on
   * chain (reverted).
   */
  record Failed(String reason, boolean mined) implements Outcome {}

  /** Sent, and not known to have settled or failed yet. */
  record Pending() implements Outcome {}

  /**
   * Signs a charge of {@code record}'s amount to its recipient from its payer.
   *
   * @param authorization the payer's key authorization (activation only), or null
   * @param memo the memo of a {@code transferWithMemo}, or null for a plain {@code transfer}
   */
  Charge sign(
      SubscriptionRecord record,
      BigInteger accessKey,
      KeyAuthorization authorization,
      String memo) {
    JsonNode block = chain.latestBlock();
    long now = chain.now();
    BigInteger baseFee = chain.baseFee(block);
    BigInteger priority = GWEI.min(settings.maxFeePerGas());
    BigInteger maxFee = baseFee.shiftLeft(1).add(priority).min(settings.maxFeePerGas());
    if (maxFee.compareTo(baseFee) <= 0) {
      throw RpcException.badResponse("the base fee exceeds the subscription fee cap");
    }
    long validBefore = now + settings.validity().toSeconds();
    BigInteger gas =
        BigInteger.valueOf(
            authorization != null ? settings.activationGas() : settings.renewalGas());
    TempoTransaction unsigned =
        new TempoTransaction(
            BigInteger.valueOf(record.chainId()),
            priority,
            maxFee,
            gas,
            List.of(
                new TempoTransaction.Call(
                    record.currency(),
                    BigInteger.ZERO,
                    Tip20.encodeTransfer(record.recipient(), record.amount(), memo))),
            Rlp.list(),
            TempoTransaction.EXPIRING_NONCE_KEY,
            BigInteger.ZERO,
            BigInteger.valueOf(validBefore),
            null,
            null,
            new TempoTransaction.AwaitingFeePayer(),
            Rlp.list(),
            authorization == null ? null : authorization.signed(),
            null);
    byte[] payer = Hex.decode(record.payer(), 20);
    byte[] digest = Keccak.hash(new byte[] {KEYCHAIN_V2}, unsigned.senderSigningHash(), payer);
    byte[] inner = Secp256k1.sign(digest, accessKey).toBytes65();
    byte[] envelope = new byte[1 + 20 + inner.length];
    envelope[0] = KEYCHAIN_V2;
    System.arraycopy(payer, 0, envelope, 1, 20);
    System.arraycopy(inner, 0, envelope, 21, inner.length);
    TempoTransaction signed =
        sponsor.cosign(unsigned.withSenderSignature(envelope), record.payer(), record.currency());
    byte[] raw = signed.encode();
    return new Charge(Hex.encode(raw), Hex.encode(Keccak.hash(raw)), validBefore, memo);
  }

  /**
   * A broadcast slot for {@code payer} (refused at once with 503 when too many charges are being
   * confirmed); take it before recording a charge as in flight.
   */
  BroadcastLimiter.Permit permit(String payer) {
    return limiter.acquire(payer);
  }

  /** Sends a signed charge and waits for its receipt. */
  Outcome send(SubscriptionRecord record, Charge charge) {
    JsonNode receipt;
    try {
      receipt = broadcaster.send(charge.raw(), charge.hash());
    } catch (Broadcaster.BroadcastException e) {
      return e.maybeSent()
          ? new Pending()
          : new Failed("the network refused the transaction", false);
    }
    try {
      return judge(record, charge.hash(), charge.memo(), receipt);
    } catch (RpcException e) {
      return new Pending();
    }
  }

  /**
   * How a charge sent earlier ended: its receipt if the chain has one; failed once it can no longer
   * be mined ({@code validBefore} passed); pending otherwise.
   */
  Outcome resolve(SubscriptionRecord record, SubscriptionRecord.InFlight flight, String memo) {
    JsonNode receipt = chain.receipt(flight.hash());
    if (receipt == null) {
      return chain.now() > flight.validBefore() + settings.validity().toSeconds()
          ? new Failed("the transaction expired without being mined", false)
          : new Pending();
    }
    return judge(record, flight.hash(), memo, receipt);
  }

  private Outcome judge(SubscriptionRecord record, String hash, String memo, JsonNode receipt) {
    if (!hash.equals(ReceiptCheck.hash(receipt))) {
      return new Failed("the receipt is for another transaction", false);
    }
    if (!isSuccess(receipt)) {
      return new Failed("the transaction reverted", true);
    }
    for (ReceiptCheck.Movement movement : ReceiptCheck.movements(receipt.get("logs"))) {
      Tip20.Transfer transfer = movement.transfer();
      if (movement.token().equals(record.currency())
          && movement.from().equals(record.payer())
          && transfer.recipient().equals(record.recipient())
          && transfer.amount().equals(record.amount())
          && Objects.equals(transfer.memo(), memo)) {
        return new Settled(chain.blockTime(receipt));
      }
    }
    return new Failed("the transaction did not pay the recipient", true);
  }

  private static boolean isSuccess(JsonNode receipt) {
    try {
      return Hex.quantity(receipt.path("status").asText()).equals(BigInteger.ONE);
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("receipt status is malformed");
    }
  }
}
