package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Base64Url;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks of draft-tempo-subscription-00 §"Authorization Scope Verification" and §"Source
 * Verification" on key authorizations signed here, each broken one at a time.
 */
class SubscriptionGrantCheckTest {
  private static final BigInteger PAYER =
      Secp256k1.privateKey(
          Hex.decode("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"));
  private static final String PAYER_ADDRESS = Secp256k1.address(PAYER);
  private static final String TOKEN = "0x20c0000000000000000000000000000000000000";
  private static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String KEY = "0x1111111111111111111111111111111111111111";
  private static final byte[] CHALLENGE_ID = java.util.Arrays.copyOf(Hex.decode("0x0707"), 32);
  private static final SubscriptionTerms TERMS =
      new SubscriptionTerms(
          BigInteger.valueOf(1_000_000),
          TOKEN,
          RECIPIENT,
          31337,
          86_400,
          KEY,
          1_900_000_000L,
          null,
          "plan");
  private static final Challenge CHALLENGE =
      new Challenge(
          Base64Url.encode(CHALLENGE_ID),
          "api.example.com",
          "tempo",
          "subscription",
          "e30",
          "2026-01-01T00:00:00.000Z",
          null,
          null,
          null);

  @Test
  void grantWhenExactlyWhatTheChallengeAsksThenPayerRecoveredAndMemoAllowed() {
    SubscriptionGrantCheck.Grant grant = check(b -> {});

    assertThat(grant.payer()).isEqualTo(PAYER_ADDRESS);
    assertThat(grant.memo()).isTrue();
  }

  @Test
  void grantWhenTransferOnlyAsTheSpecSaysThenAcceptedWithoutMemo() {
    SubscriptionGrantCheck.Grant grant =
        check(
            b ->
                b.scopes.set(
                    0,
                    GrantBuilder.scope(
                        TOKEN, GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT))));

    assertThat(grant.memo()).isFalse();
  }

  @Test
  void grantWhenBothTransferSelectorsThenAccepted() {
    SubscriptionGrantCheck.Grant grant =
        check(
            b ->
                b.scopes.set(
                    0,
                    GrantBuilder.scope(
                        TOKEN,
                        GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT),
                        GrantBuilder.rule(Tip20.TRANSFER_WITH_MEMO_SELECTOR, RECIPIENT))));

    assertThat(grant.memo()).isTrue();
  }

  @Test
  void grantWhenWitnessIsTheChallengeIdThenAccepted() {
    assertThat(check(b -> b.witness = CHALLENGE_ID.clone()).payer()).isEqualTo(PAYER_ADDRESS);
  }

  @Test
  void grantWhenAnyScopeOrLimitFieldDiffersThenRefused() {
    refused(b -> b.chainId = BigInteger.valueOf(4217), "another chain");
    refused(b -> b.keyId = "0x2222222222222222222222222222222222222222", "another access key");
    refused(b -> b.keyType = new byte[] {1}, "another access key");
    refused(b -> b.expiry = b.expiry.add(BigInteger.ONE), "expiry");
    refused(b -> b.limits.clear(), "exactly one spending limit");
    refused(b -> b.limits.add(b.limits.get(0)), "exactly one spending limit");
    refused(
        b -> b.limits.set(0, GrantBuilder.limit(TOKEN, BigInteger.valueOf(2_000_000), 86_400)),
        "spending limit");
    refused(
        b -> b.limits.set(0, GrantBuilder.limit(TOKEN, BigInteger.valueOf(1_000_000), 0)),
        "spending limit");
    refused(
        b ->
            b.limits.set(
                0,
                GrantBuilder.limit(
                    "0x20c0000000000000000000000000000000000001",
                    BigInteger.valueOf(1_000_000),
                    86_400)),
        "spending limit");
    refused(b -> b.witness = new byte[32], "witness");
  }

  @Test
  void grantWhenCallsAreBroaderThanTransfersToTheRecipientThenRefused() {
    refused(b -> b.scopes.clear(), "calls to the currency only");
    refused(b -> b.scopes.set(0, GrantBuilder.scope(TOKEN)), "explicit selectors");
    refused(
        b ->
            b.scopes.add(
                GrantBuilder.scope(
                    "0x20c0000000000000000000000000000000000001",
                    GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT))),
        "calls to the currency only");
    refused(
        b -> b.scopes.set(0, GrantBuilder.scope(TOKEN, GrantBuilder.rule("0x095ea7b3", RECIPIENT))),
        "not a transfer");
    refused(
        b -> b.scopes.set(0, GrantBuilder.scope(TOKEN, GrantBuilder.rule(Tip20.TRANSFER_SELECTOR))),
        "restricted to the recipient");
    refused(
        b ->
            b.scopes.set(
                0,
                GrantBuilder.scope(
                    TOKEN, GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT, KEY))),
        "restricted to the recipient");
    refused(
        b ->
            b.scopes.set(
                0,
                GrantBuilder.scope(
                    TOKEN,
                    GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT),
                    GrantBuilder.rule(Tip20.TRANSFER_SELECTOR, RECIPIENT))),
        "repeats a selector");
  }

  @Test
  void signatureWhenHighSThenRefused() {
    refused(b -> b.highS = true, "not canonical");
  }

  @Test
  void sourceWhenAnotherAccountOrChainThenRefused() {
    String other = "did:pkh:eip155:31337:0x2222222222222222222222222222222222222222";
    Credential credential = GrantBuilder.forTerms(TERMS, PAYER).credential(CHALLENGE, other);
    Credential otherChain =
        GrantBuilder.forTerms(TERMS, PAYER)
            .credential(CHALLENGE, "did:pkh:eip155:4217:" + PAYER_ADDRESS);

    assertThatThrownBy(() -> SubscriptionGrantCheck.check(credential, TERMS))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(() -> SubscriptionGrantCheck.check(otherChain, TERMS))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
  }

  @Test
  void payloadWhenNotAKeyAuthorizationThenInvalidPayloadOrMalformed() {
    ObjectNode wrongType = Json.object().put("type", "transaction").put("signature", "0x00");
    ObjectNode garbage = Json.object().put("type", "keyAuthorization").put("signature", "0xc0");
    ObjectNode notHex = Json.object().put("type", "keyAuthorization").put("signature", "zz");

    assertThatThrownBy(() -> check(wrongType)).isInstanceOf(PaymentExceptions.InvalidPayload.class);
    assertThatThrownBy(() -> check(Json.object().put("type", "keyAuthorization")))
        .isInstanceOf(PaymentExceptions.InvalidPayload.class);
    assertThatThrownBy(() -> check(garbage))
        .isInstanceOf(PaymentExceptions.MalformedCredential.class);
    assertThatThrownBy(() -> check(notHex))
        .isInstanceOf(PaymentExceptions.MalformedCredential.class);
  }

  private static SubscriptionGrantCheck.Grant check(Consumer<GrantBuilder> change) {
    GrantBuilder builder = GrantBuilder.forTerms(TERMS, PAYER);
    change.accept(builder);
    return SubscriptionGrantCheck.check(
        builder.credential(CHALLENGE, "did:pkh:eip155:31337:" + PAYER_ADDRESS), TERMS);
  }

  private static SubscriptionGrantCheck.Grant check(ObjectNode payload) {
    return SubscriptionGrantCheck.check(new Credential(CHALLENGE, payload, null), TERMS);
  }

  private static void refused(Consumer<GrantBuilder> change, String why) {
    assertThatThrownBy(() -> check(change))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining(why);
  }
}
