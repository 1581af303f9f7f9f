package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The server as fee payer (draft-tempo-charge-00 §6): checks a client's sponsored transaction
 * against the {@link TempoSponsorPolicy}, then co-signs it over the {@code 0x78} fee-payer hash
 * with the fee token it picks.
 */
final class Sponsor {
  private final BigInteger key;
  private final String address;
  private final TempoSponsorPolicy policy;
  private final String feeToken;

  /**
   * @param key the fee payer's secp256k1 private key
   * @param feeToken the TIP-20 token fees are paid in, or null to pay in the charge currency
   */
  Sponsor(BigInteger key, TempoSponsorPolicy policy, String feeToken) {
    this.key = key;
    this.address = Secp256k1.address(key);
    this.policy = policy;
    this.feeToken = feeToken == null ? null : Hex.address(feeToken);
  }

  String address() {
    return address;
  }

  /** The fee token used for a charge in {@code currency}. */
  String feeTokenFor(String currency) {
    return feeToken != null ? feeToken : currency;
  }

  /**
   * Refuses a sponsored transaction the policy does not allow.
   *
   * @throws PaymentExceptions.VerificationFailed naming the violated rule
   */
  void check(TempoTransaction tx, Instant now) {
    if (tx.feeToken() != null) {
      throw refuse("a sponsored transaction must not include fee_token");
    }
    if (!TempoTransaction.EXPIRING_NONCE_KEY.equals(tx.nonceKey())) {
      throw refuse("a sponsored transaction must use expiring nonce key");
    }
    if (tx.validBefore() == null) {
      throw refuse("a sponsored transaction must set valid_before");
    }
    long nowSeconds = now.getEpochSecond();
    if (tx.validBefore().compareTo(BigInteger.valueOf(nowSeconds)) <= 0) {
      throw new PaymentExceptions.PaymentExpired("The signed transaction has already expired.");
    }
    BigInteger latest = BigInteger.valueOf(nowSeconds + policy.maxValidity().toSeconds());
    if (tx.validBefore().compareTo(latest) > 0) {
      throw refuse("transaction validity window exceeds sponsor policy");
    }
    if (tx.gasLimit().signum() == 0 || tx.gasLimit().compareTo(policy.maxGas()) > 0) {
      throw refuse("transaction gas limit exceeds sponsor policy");
    }
    if (tx.maxFeePerGas().signum() == 0 || tx.maxFeePerGas().compareTo(policy.maxFeePerGas()) > 0) {
      throw refuse("transaction max fee per gas exceeds sponsor policy");
    }
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0
        || tx.maxPriorityFeePerGas().compareTo(policy.maxPriorityFeePerGas()) > 0) {
      throw refuse("transaction priority fee exceeds sponsor policy");
    }
    if (tx.gasLimit().multiply(tx.maxFeePerGas()).compareTo(policy.maxTotalFee()) > 0) {
      throw refuse("transaction total fee exceeds sponsor policy");
    }
    if (tx.accessList().size() > 0) {
      throw refuse("transaction access list is not allowed");
    }
    if (tx.authorizationList().size() > 0) {
      throw refuse("transaction authorization list is not allowed");
    }
    if (tx.keyAuthorization() != null && !policy.allowKeyAuthorization()) {
      throw refuse("transaction key authorization is not allowed");
    }
  }

  /** The transaction with this sponsor's fee token and {@code [yParity, r, s]} co-signature. */
  TempoTransaction cosign(TempoTransaction tx, String sender, String currency) {
    TempoTransaction withToken =
        tx.withFeeToken(feeTokenFor(currency))
            .withFeePayer(new TempoTransaction.AwaitingFeePayer());
    Secp256k1.Signature signature = Secp256k1.sign(withToken.feePayerSigningHash(sender), key);
    return withToken.withFeePayer(new TempoTransaction.FeePayerSignature(signature));
  }

  private static PaymentExceptions.VerificationFailed refuse(String reason) {
    return new PaymentExceptions.VerificationFailed("Invalid transaction: " + reason + ".");
  }
}
