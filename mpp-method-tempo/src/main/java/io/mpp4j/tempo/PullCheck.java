package io.mpp4j.tempo;

import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a server checks in a client-signed transaction before it claims and broadcasts it
 * (draft-tempo-charge-00 §7 "Transaction Verification", plus the hardening of protocol notes 2.5):
 * chain, fee-payer slot, sponsor policy, calls, validity window, sender and source. No I/O.
 */
final class PullCheck {
  /** How far a transaction's {@code valid_after} may lie ahead of the server clock. */
  static final long VALID_AFTER_SKEW_SECONDS = 5;

  private PullCheck() {}

  /**
   * Checks {@code tx} against the charge and returns it in canonical form with its sender.
   *
   * @param sponsor the server's fee payer when the charge sponsors fees, else null
   * @param expires the challenge expiry, or null when unknown
   * @param source the credential's source, or null
   * @throws PaymentExceptions.VerificationFailed when the transaction does not pay the charge
   * @throws PaymentExceptions.PaymentExpired when its validity has passed
   */
  static Checked check(
      TempoTransaction tx,
      ChargeTerms terms,
      Sponsor sponsor,
      Instant now,
      Instant expires,
      String realm,
      String challengeId,
      String source) {
    if (terms.chainId() != null && !BigInteger.valueOf(terms.chainId()).equals(tx.chainId())) {
      throw refuse("The transaction is for another chain.");
    }
    if (tx.feePayer() instanceof TempoTransaction.FeePayerSignature) {
      throw refuse("The transaction is already co-signed by a fee payer.");
    }
    boolean sponsored = tx.isSponsored();
    if (sponsored && (!terms.feePayer() || sponsor == null)) {
      throw refuse("This challenge does not sponsor transaction fees.");
    }
    if (sponsored) {
      sponsor.check(tx, now);
    }
    checkCalls(tx, terms, realm, challengeId);
    checkValidity(tx, now, expires);
    String sender;
    try {
      sender = tx.sender();
    } catch (IllegalArgumentException e) {
      throw refuse("The transaction signature is invalid: " + e.getMessage() + ".");
    }
    if (source != null && !PayerSource.address(source, terms.chainId()).equals(sender)) {
      throw refuse("The credential source is not the transaction sender.");
    }
    byte[] canonical = Secp256k1.Signature.fromBytes65(tx.senderSignature().value()).toBytes65();
    return new Checked(tx.withSenderSignature(canonical).withFeePayer(slot(tx)), sender);
  }

  /** A checked transaction and its sender. */
  record Checked(TempoTransaction transaction, String sender) {}

  private static TempoTransaction.FeePayerSlot slot(TempoTransaction tx) {
    return tx.isSponsored() ? new TempoTransaction.AwaitingFeePayer() : tx.feePayer();
  }

  private static void checkCalls(
      TempoTransaction tx, ChargeTerms terms, String realm, String challengeId) {
    List<ChargeTerms.Expected> expected = terms.expectedTransfers();
    for (TempoTransaction.Call call : tx.calls()) {
      if (call.value().signum() != 0) {
        throw refuse("Invalid transaction: call value is not allowed.");
      }
    }
    if (tx.calls().size() > expected.size()) {
      throw refuse("Invalid transaction: contains unauthorized extra calls.");
    }
    List<Tip20.Transfer> transfers = new ArrayList<>();
    for (TempoTransaction.Call call : tx.calls()) {
      Optional<Tip20.Transfer> transfer =
          terms.currency().equals(call.to()) ? Tip20.decodeCall(call.input()) : Optional.empty();
      if (transfer.isEmpty()) {
        throw refuse("Invalid transaction: no matching payment call found.");
      }
      transfers.add(transfer.get());
    }
    if (TransferMatcher.match(expected, transfers, realm, challengeId).isEmpty()) {
      throw refuse("Invalid transaction: no matching payment call found.");
    }
  }

  private static void checkValidity(TempoTransaction tx, Instant now, Instant expires) {
    BigInteger nowSeconds = BigInteger.valueOf(now.getEpochSecond());
    if (tx.validBefore() == null) {
      throw refuse("The transaction must set valid_before.");
    }
    if (tx.validBefore().compareTo(nowSeconds) <= 0) {
      throw new PaymentExceptions.PaymentExpired("The signed transaction has already expired.");
    }
    if (expires != null) {
      long last = expires.getEpochSecond() + (expires.getNano() > 0 ? 1 : 0);
      if (tx.validBefore().compareTo(BigInteger.valueOf(last)) > 0) {
        throw refuse("The transaction stays valid after the challenge expires.");
      }
    }
    if (tx.validAfter() != null
        && tx.validAfter().compareTo(nowSeconds.add(BigInteger.valueOf(VALID_AFTER_SKEW_SECONDS)))
            > 0) {
      throw refuse("The transaction is not valid yet.");
    }
  }

  private static PaymentExceptions.VerificationFailed refuse(String detail) {
    return new PaymentExceptions.VerificationFailed(detail);
  }
}
