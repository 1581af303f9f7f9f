package io.mpp4j.evm;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.X402Headers;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything about an EIP-3009 authorization that can be checked without the chain
 * (draft-evm-charge-00, authorization verification 2-6): the recipient and exact amount, the
 * challenge-bound nonce (native credentials only: x402 clients choose random nonces, their binding
 * is the echoed challenge), a validity window that has begun, will not end before the payment can
 * be mined and is not longer than a payment needs, a canonical signature by {@code from} under the
 * token's EIP-712 domain, and a {@code source} naming the same account.
 */
final class AuthorizationCheck {
  /** The least time an authorization must stay valid for its settlement to be mined. */
  static final Duration MIN_REMAINING = Duration.ofSeconds(5);

  private final long chainId;
  private final String token;
  private final byte[] domainSeparator;
  private final Duration maxValidity;

  AuthorizationCheck(
      long chainId, String token, String name, String version, Duration maxValidity) {
    this.chainId = chainId;
    this.token = Hex.address(token);
    this.domainSeparator = Eip3009.domainSeparator(name, version, chainId, token);
    this.maxValidity = maxValidity;
  }

  /**
   * @return the verified authorization
   * @throws io.mpp4j.core.PaymentException why it cannot pay this challenge
   */
  Authorization check(Credential credential, EvmTerms terms, Instant now, String realm) {
    if (!terms.accepts(EvmTerms.AUTHORIZATION)) {
      throw new PaymentExceptions.VerificationFailed(
          "This challenge does not accept authorization credentials.");
    }
    if (terms.splits()) {
      throw new PaymentExceptions.VerificationFailed("An authorization cannot pay splits.");
    }
    if (terms.chainId() != chainId || !terms.currency().equals(token)) {
      throw new PaymentExceptions.VerificationFailed(
          "This server does not settle authorizations for that token.");
    }
    Authorization a = Authorization.parse(credential.payload());
    if (!a.to().equals(terms.recipient())) {
      throw new PaymentExceptions.VerificationFailed("The authorization pays another recipient.");
    }
    int order = a.value().compareTo(terms.amount());
    if (order < 0) {
      throw new PaymentExceptions.PaymentInsufficient(
          "The authorization is for less than the price.");
    }
    if (order > 0) {
      throw new PaymentExceptions.VerificationFailed("The authorization's value is not the price.");
    }
    boolean x402 = X402Headers.isX402(credential.challenge());
    if (!x402
        && !a.nonce()
            .equals(
                Eip3009.challengeHash(
                    credential.challenge().id(), credential.challenge().realm()))) {
      throw new PaymentExceptions.VerificationFailed(
          "The authorization's nonce is not bound to this challenge.");
    }
    checkWindow(a, now);
    if (!a.signature().isLowS()) {
      throw new PaymentExceptions.VerificationFailed(
          "The authorization signature is not canonical.");
    }
    byte[] digest = Eip3009.digest(domainSeparator, a);
    if (Secp256k1.recover(digest, a.signature()).filter(a.from()::equals).isEmpty()) {
      throw new PaymentExceptions.VerificationFailed(
          "The authorization is not signed by its sender.");
    }
    if (credential.source() != null
        && !PayerSource.address(credential.source(), chainId).equals(a.from())) {
      throw new PaymentExceptions.VerificationFailed(
          "The credential source is not the authorization's sender.");
    }
    return a;
  }

  private void checkWindow(Authorization a, Instant now) {
    BigInteger seconds = BigInteger.valueOf(now.getEpochSecond());
    if (a.validAfter().compareTo(seconds) > 0) {
      throw new PaymentExceptions.VerificationFailed("The authorization is not valid yet.");
    }
    if (a.validBefore().compareTo(seconds.add(BigInteger.valueOf(MIN_REMAINING.toSeconds())))
        <= 0) {
      throw new PaymentExceptions.PaymentExpired(
          "The authorization expires too soon to be settled.");
    }
    if (a.validBefore().compareTo(seconds.add(BigInteger.valueOf(maxValidity.toSeconds()))) > 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The authorization may stay valid for at most " + maxValidity.toSeconds() + " seconds.");
    }
  }
}
