package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Transaction checks before broadcast (draft-tempo-charge-00 §7, protocol notes 2.5). */
class PullCheckTest {
  static final long CHAIN = 42431;
  static final String TOKEN = TempoMethod.PATH_USD;
  static final String OTHER_TOKEN = "0x20c0000000000000000000000000000000000001";
  static final String MERCHANT = "0x742d35cc6634c0532925a3b844bc9e7595f8fe00";
  static final String PARTNER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  static final BigInteger PAYER_KEY =
      TempoTransactionVectorsTest.key(TempoTransactionVectorsTest.SENDER_KEY);
  static final String REALM = "api.example.com";
  static final String CHALLENGE = "challenge-1";
  static final String MEMO = Attribution.encode(REALM, null, CHALLENGE);

  final Instant now = Instant.now();
  final Instant expires = now.plusSeconds(300);

  static ChargeTerms terms(ObjectNode details, long amount) {
    details.put("chainId", CHAIN);
    return ChargeTerms.of(
        new ChargeRequest(BigInteger.valueOf(amount), TOKEN, MERCHANT, null, null, details));
  }

  static ChargeTerms terms() {
    return terms(Json.object(), 1_000_000);
  }

  static TestPayer payer() {
    return new TestPayer(PAYER_KEY, CHAIN);
  }

  PullCheck.Checked check(TestPayer tx, ChargeTerms terms) {
    return PullCheck.check(tx.signed(), terms, null, now, expires, REALM, CHALLENGE, null);
  }

  @Test
  void checkWhenTransferPaysExactlyThenSenderRecovered() {
    PullCheck.Checked checked = check(payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO), terms());

    assertThat(checked.sender()).isEqualTo(TempoTransactionVectorsTest.SENDER);
  }

  @Test
  void checkWhenChainTokenRecipientOrAmountWrongThenRefused() {
    TestPayer wrongChain =
        new TestPayer(PAYER_KEY, 4217).transfer(TOKEN, MERCHANT, 1_000_000, MEMO);
    TestPayer wrongToken = payer().transfer(OTHER_TOKEN, MERCHANT, 1_000_000, MEMO);
    TestPayer wrongRecipient = payer().transfer(TOKEN, PARTNER, 1_000_000, MEMO);
    TestPayer shortAmount = payer().transfer(TOKEN, MERCHANT, 999_999, MEMO);
    TestPayer overAmount = payer().transfer(TOKEN, MERCHANT, 1_000_001, MEMO);

    assertThatThrownBy(() -> check(wrongChain, terms())).hasMessageContaining("another chain");
    for (TestPayer tx : new TestPayer[] {wrongToken, wrongRecipient, shortAmount, overAmount}) {
      assertThatThrownBy(() -> check(tx, terms()))
          .isInstanceOf(PaymentExceptions.VerificationFailed.class)
          .hasMessageContaining("no matching payment call found");
    }
  }

  @Test
  void checkWhenCalldataHasExtraBytesOrValueThenRefused() {
    byte[] calldata = Tip20.encodeTransfer(MERCHANT, BigInteger.valueOf(1_000_000), MEMO);
    byte[] padded = java.util.Arrays.copyOf(calldata, calldata.length + 1);
    TestPayer extraBytes = payer().call(TOKEN, padded);
    TempoTransaction withValue = payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).unsigned();
    TempoTransaction valued =
        new TempoTransaction(
            withValue.chainId(),
            withValue.maxPriorityFeePerGas(),
            withValue.maxFeePerGas(),
            withValue.gasLimit(),
            java.util.List.of(new TempoTransaction.Call(TOKEN, BigInteger.ONE, calldata)),
            withValue.accessList(),
            withValue.nonceKey(),
            withValue.nonce(),
            withValue.validBefore(),
            null,
            withValue.feeToken(),
            withValue.feePayer(),
            withValue.authorizationList(),
            null,
            null);
    TempoTransaction signedValued =
        valued.withSenderSignature(
            Secp256k1.sign(valued.senderSigningHash(), PAYER_KEY).toBytes65());

    assertThatThrownBy(() -> check(extraBytes, terms()))
        .hasMessageContaining("no matching payment call found");
    assertThatThrownBy(
            () ->
                PullCheck.check(signedValued, terms(), null, now, expires, REALM, CHALLENGE, null))
        .hasMessageContaining("call value");
  }

  @Test
  void checkWhenAttributionMemoMissingOrForAnotherChallengeThenRefused() {
    TestPayer plain = payer().transfer(TOKEN, MERCHANT, 1_000_000, null);
    TestPayer otherChallenge =
        payer().transfer(TOKEN, MERCHANT, 1_000_000, Attribution.encode(REALM, null, "other"));
    TestPayer otherRealm =
        payer()
            .transfer(
                TOKEN, MERCHANT, 1_000_000, Attribution.encode("evil.example", null, CHALLENGE));

    for (TestPayer tx : new TestPayer[] {plain, otherChallenge, otherRealm}) {
      assertThatThrownBy(() -> check(tx, terms()))
          .hasMessageContaining("no matching payment call found");
    }
  }

  @Test
  void checkWhenRouteSetsMemoThenExactMemoRequired() {
    String routeMemo = "0x" + "ab".repeat(32);
    ObjectNode details = Json.object().put("memo", routeMemo);

    check(
        payer().transfer(TOKEN, MERCHANT, 1_000_000, routeMemo),
        terms(details.deepCopy(), 1_000_000));
    assertThatThrownBy(
            () ->
                check(
                    payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO), terms(details, 1_000_000)))
        .hasMessageContaining("no matching payment call found");
  }

  @Test
  void checkWhenSplitsPaidInAnyOrderThenAcceptedButNoCallCountsTwice() {
    ObjectNode details = Json.object();
    details.putArray("splits").addObject().put("amount", "100000").put("recipient", PARTNER);
    ChargeTerms withSplit = terms(details, 1_000_000);

    check(
        payer().transfer(TOKEN, PARTNER, 100_000, null).transfer(TOKEN, MERCHANT, 900_000, MEMO),
        withSplit);
    ObjectNode twoSplits = Json.object();
    twoSplits
        .putArray("splits")
        .add(Json.object().put("amount", "100000").put("recipient", PARTNER))
        .add(Json.object().put("amount", "100000").put("recipient", PARTNER));
    assertThatThrownBy(
            () ->
                check(
                    payer()
                        .transfer(TOKEN, MERCHANT, 800_000, MEMO)
                        .transfer(TOKEN, PARTNER, 100_000, null),
                    terms(twoSplits, 1_000_000)))
        .hasMessageContaining("no matching payment call found");
  }

  @Test
  void checkWhenExtraCallAddedThenRefused() {
    TestPayer tx =
        payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).transfer(TOKEN, PARTNER, 1, null);

    assertThatThrownBy(() -> check(tx, terms())).hasMessageContaining("unauthorized extra calls");
  }

  @Test
  void checkWhenValidityWrongThenRefusedOrExpired() {
    long nowSeconds = now.getEpochSecond();
    TestPayer expired = payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).validBefore(nowSeconds);
    TestPayer tooLong =
        payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).validBefore(nowSeconds + 3600);
    TestPayer none = payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).validBefore(0);

    assertThatThrownBy(() -> check(expired, terms()))
        .isInstanceOf(PaymentExceptions.PaymentExpired.class);
    assertThatThrownBy(() -> check(tooLong, terms()))
        .hasMessageContaining("after the challenge expires");
    assertThatThrownBy(() -> check(none, terms())).hasMessageContaining("valid_before");
  }

  @Test
  void checkWhenSourceIsNotTheSenderThenRefused() {
    TempoTransaction tx = payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).signed();
    String other = PayerSource.did(CHAIN, PARTNER);
    String wrongChain = PayerSource.did(4217, TempoTransactionVectorsTest.SENDER);

    assertThatThrownBy(
            () -> PullCheck.check(tx, terms(), null, now, expires, REALM, CHALLENGE, other))
        .hasMessageContaining("not the transaction sender");
    assertThatThrownBy(
            () -> PullCheck.check(tx, terms(), null, now, expires, REALM, CHALLENGE, wrongChain))
        .hasMessageContaining("another chain");
    assertThatThrownBy(
            () -> PullCheck.check(tx, terms(), null, now, expires, REALM, CHALLENGE, "alice"))
        .hasMessageContaining("source is invalid");
  }

  @Test
  void checkWhenSponsoredButChallengeDoesNotSponsorThenRefused() {
    TestPayer tx = payer().sponsored().transfer(TOKEN, MERCHANT, 1_000_000, MEMO);

    assertThatThrownBy(() -> check(tx, terms())).hasMessageContaining("does not sponsor");
  }

  @Test
  void checkWhenSponsoredThenPolicyAppliedAndSlotAwaitsFeePayer() {
    ObjectNode details = Json.object().put("feePayer", true);
    Sponsor sponsor =
        new Sponsor(
            TempoTransactionVectorsTest.key(TempoTransactionVectorsTest.FEE_PAYER_KEY),
            TempoSponsorPolicy.builder().maxGas(BigInteger.valueOf(400_000)).build(),
            null);
    TestPayer ok = payer().sponsored().gas(300_000).transfer(TOKEN, MERCHANT, 1_000_000, MEMO);
    TestPayer greedy = payer().sponsored().gas(500_000).transfer(TOKEN, MERCHANT, 1_000_000, MEMO);
    TestPayer protocolNonce =
        payer().sponsored().nonceKey(BigInteger.ZERO).transfer(TOKEN, MERCHANT, 1_000_000, MEMO);

    PullCheck.Checked checked =
        PullCheck.check(
            ok.signed(), terms(details, 1_000_000), sponsor, now, expires, REALM, CHALLENGE, null);

    assertThat(checked.transaction().feePayer())
        .isInstanceOf(TempoTransaction.AwaitingFeePayer.class);
    assertThatThrownBy(
            () ->
                PullCheck.check(
                    greedy.signed(),
                    terms(Json.object().put("feePayer", true), 1_000_000),
                    sponsor,
                    now,
                    expires,
                    REALM,
                    CHALLENGE,
                    null))
        .hasMessageContaining("gas limit exceeds sponsor policy");
    assertThatThrownBy(
            () ->
                PullCheck.check(
                    protocolNonce.signed(),
                    terms(Json.object().put("feePayer", true), 1_000_000),
                    sponsor,
                    now,
                    expires,
                    REALM,
                    CHALLENGE,
                    null))
        .hasMessageContaining("expiring nonce key");
  }

  @Test
  void checkWhenSenderUsesZeroOneRecoveryByteThenCanonicalisedTo27() {
    TempoTransaction tx = payer().transfer(TOKEN, MERCHANT, 1_000_000, MEMO).signed();
    byte[] sig = tx.senderSignature().value();
    sig[64] = (byte) (sig[64] - 27);

    PullCheck.Checked checked =
        PullCheck.check(
            tx.withSenderSignature(sig), terms(), null, now, expires, REALM, CHALLENGE, null);

    assertThat(checked.transaction().encode()).isEqualTo(tx.encode());
  }
}
