package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.CodecException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a {@code keyAuthorization} credential against its challenge (draft-tempo-subscription-00
 * §"Source Verification", §"Authorization Scope Verification"): the chain, the exact access key and
 * key type, the expiry equal to {@code subscriptionExpires}, one periodic spending limit of the
 * amount in the currency, and one call scope on the currency whose selectors are {@code transfer}
 * and/or {@code transferWithMemo} (the spec requires {@code transfer}; the reference client asks
 * for {@code transferWithMemo} only, so either is accepted), each restricted to the recipient
 * alone. A TIP-1053 witness, when present, must be the challenge id. The root signer is recovered
 * (low {@code s} only) and must match the {@code source}.
 */
final class SubscriptionGrantCheck {
  static final String TRANSFER = Tip20.TRANSFER_SELECTOR;
  static final String TRANSFER_WITH_MEMO = Tip20.TRANSFER_WITH_MEMO_SELECTOR;

  private SubscriptionGrantCheck() {}

  /** A verified grant: the payer, and whether charges may carry a memo. */
  record Grant(KeyAuthorization authorization, String payer, boolean memo) {}

  /**
   * Decodes and verifies the credential's key authorization.
   *
   * @throws PaymentExceptions.InvalidPayload when the payload is not a key authorization
   * @throws PaymentExceptions.MalformedCredential when its signature does not decode
   * @throws PaymentExceptions.VerificationFailed when it does not grant what the challenge asks
   */
  static Grant check(Credential credential, SubscriptionTerms terms) {
    if (!"keyAuthorization".equals(credential.payloadString("type").orElse(null))) {
      throw new PaymentExceptions.InvalidPayload(
          "A Tempo subscription credential is a keyAuthorization payload.");
    }
    String signature =
        credential
            .payloadString("signature")
            .orElseThrow(
                () -> new PaymentExceptions.InvalidPayload("The payload needs a signature."));
    KeyAuthorization auth;
    try {
      auth = KeyAuthorization.decode(Hex.decode(signature));
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.MalformedCredential(
          "The payload is not a signed key authorization with a secp256k1 signature.");
    }
    if (!BigInteger.valueOf(terms.chainId()).equals(auth.chainId())) {
      throw refuse("it is for another chain");
    }
    if (auth.keyType() != KeyAuthorization.SECP256K1 || !auth.keyId().equals(terms.accessKey())) {
      throw refuse("it authorizes another access key");
    }
    if (!BigInteger.valueOf(terms.expires()).equals(auth.expiry())) {
      throw refuse("its expiry is not subscriptionExpires");
    }
    if (auth.admin() || auth.account() != null) {
      throw refuse("it authorizes an admin key");
    }
    witness(auth, credential.challenge().id());
    limit(auth, terms);
    boolean memo = scope(auth, terms);
    if (!auth.signature().isLowS()) {
      throw refuse("its signature is not canonical");
    }
    String payer =
        Secp256k1.recover(auth.signingHash(), auth.signature())
            .orElseThrow(() -> refuse("its signature is invalid"));
    if (credential.source() != null
        && !PayerSource.address(credential.source(), terms.chainId()).equals(payer)) {
      throw new PaymentExceptions.VerificationFailed(
          "The credential source is not the account that signed the key authorization.");
    }
    return new Grant(auth, payer, memo);
  }

  private static void witness(KeyAuthorization auth, String challengeId) {
    if (auth.witness() == null) {
      return;
    }
    byte[] expected;
    try {
      expected = Base64Url.decode(challengeId);
    } catch (CodecException e) {
      throw refuse("its witness is not this challenge");
    }
    if (!Arrays.equals(expected, auth.witness())) {
      throw refuse("its witness is not this challenge");
    }
  }

  private static void limit(KeyAuthorization auth, SubscriptionTerms terms) {
    if (auth.limits().size() != 1) {
      throw refuse("it must set exactly one spending limit");
    }
    KeyAuthorization.Limit limit = auth.limits().get(0);
    if (!limit.token().equals(terms.currency())
        || !limit.amount().equals(terms.amount())
        || !limit.period().equals(BigInteger.valueOf(terms.periodSeconds()))) {
      throw refuse("its spending limit is not the amount per period in the currency");
    }
  }

  /** Checks the call scope; returns whether {@code transferWithMemo} is allowed. */
  private static boolean scope(KeyAuthorization auth, SubscriptionTerms terms) {
    List<KeyAuthorization.Scope> scopes = auth.scopes();
    if (scopes == null || scopes.size() != 1) {
      throw refuse("it must allow calls to the currency only");
    }
    KeyAuthorization.Scope scope = scopes.get(0);
    if (!scope.target().equals(terms.currency()) || scope.rules().isEmpty()) {
      throw refuse("it must allow calls to the currency only, with explicit selectors");
    }
    Set<String> seen = new HashSet<>();
    for (KeyAuthorization.Rule rule : scope.rules()) {
      if (!TRANSFER.equals(rule.selector()) && !TRANSFER_WITH_MEMO.equals(rule.selector())) {
        throw refuse("it allows a call that is not a transfer");
      }
      if (!seen.add(rule.selector())) {
        throw refuse("it repeats a selector");
      }
      if (!rule.recipients().equals(List.of(terms.recipient()))) {
        throw refuse("its transfers are not restricted to the recipient");
      }
    }
    return seen.contains(TRANSFER_WITH_MEMO);
  }

  private static PaymentExceptions.VerificationFailed refuse(String why) {
    return new PaymentExceptions.VerificationFailed(
        "The key authorization does not grant this subscription: " + why + ".");
  }
}
