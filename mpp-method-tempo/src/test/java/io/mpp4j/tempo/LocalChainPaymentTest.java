package io.mpp4j.tempo;

import static io.mpp4j.tempo.PaymentHarness.hash;
import static io.mpp4j.tempo.PaymentHarness.paidReference;
import static io.mpp4j.tempo.PaymentHarness.price;
import static io.mpp4j.tempo.PaymentHarness.problem;
import static io.mpp4j.tempo.PaymentHarness.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Offer;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payments on a real local Tempo chain (anvil in Tempo mode) with real signed transactions. */
class LocalChainPaymentTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  static final String ROUTE_MEMO = "0x" + "5a".repeat(32);

  private TempoMethod.Builder method() {
    return TempoMethod.builder()
        .chainId(LocalTempoChain.CHAIN_ID)
        .rpcUrl(CHAIN.rpcUrl())
        .currency(LocalTempoChain.PATH_USD)
        .recipient(CHAIN.merchant().address());
  }

  private PaymentHarness harness(TempoMethod.Builder method, Offer offer) {
    return new PaymentHarness(method.build(), null, offer);
  }

  private static String memoFor(Challenge challenge) {
    return Attribution.encode(PaymentHarness.REALM, null, challenge.id());
  }

  @Test
  void pullWhenTransactionPaysExactlyThenPaidAndMerchantCredited() {
    PaymentHarness server = harness(method(), price("0.25"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
    TestPayer tx =
        TestPayer.from(payer)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 250_000, memoFor(challenge));

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), payer.did());

    assertThat(paidReference(decision)).isEqualTo(Hex.encode(tx.signed().hash()));
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address()))
        .isEqualTo(before.add(BigInteger.valueOf(250_000)));
    JsonNode receipt = CHAIN.rpc("eth_getTransactionReceipt", paidReference(decision));
    assertThat(receipt.path("status").asText()).isEqualTo("0x1");
  }

  @Test
  void pullWhenSameCredentialSentTwiceThenSecondRefused() {
    PaymentHarness server = harness(method(), price("0.01"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String signed =
        TestPayer.from(payer)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 10_000, memoFor(challenge))
            .signedHex();
    String credential = PaymentHarness.authorization(challenge, transaction(signed), null);

    assertThat(server.send(credential)).isInstanceOf(Decision.Paid.class);
    assertThat(problem(server.send(credential))).isEqualTo(ProblemType.INVALID_CHALLENGE);
  }

  @Test
  void pullWhenSameTransactionPaysSecondChallengeThenRefusedAsUsed() {
    PaymentHarness server = harness(method().memo(ROUTE_MEMO), price("0.01"));
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String signed =
        TestPayer.from(payer)
            .transfer(LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 10_000, ROUTE_MEMO)
            .signedHex();

    Decision first = server.pay(server.challenge(), transaction(signed), null);
    Decision second = server.pay(server.challenge(), transaction(signed), null);

    assertThat(first).isInstanceOf(Decision.Paid.class);
    assertThat(problem(second)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(PaymentHarness.detail(second)).contains("already been used");
  }

  @Test
  void pullWhenAmountRecipientOrTokenWrongThenRefusedAndNothingBroadcast() {
    PaymentHarness server = harness(method(), price("0.05"));
    String merchant = CHAIN.merchant().address();
    String stranger = CHAIN.partner().address();
    for (int variant = 0; variant < 3; variant++) {
      Challenge challenge = server.challenge();
      LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
      TestPayer tx =
          switch (variant) {
            case 0 ->
                TestPayer.from(payer)
                    .transfer(LocalTempoChain.PATH_USD, merchant, 49_999, memoFor(challenge));
            case 1 ->
                TestPayer.from(payer)
                    .transfer(LocalTempoChain.PATH_USD, stranger, 50_000, memoFor(challenge));
            default ->
                TestPayer.from(payer)
                    .transfer(LocalTempoChain.ALPHA_USD, merchant, 50_000, memoFor(challenge));
          };

      Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

      assertThat(problem(decision))
          .as("variant %d", variant)
          .isEqualTo(ProblemType.VERIFICATION_FAILED);
      assertThat(CHAIN.rpc("eth_getTransactionReceipt", Hex.encode(tx.signed().hash())).isNull())
          .as("variant %d was not broadcast", variant)
          .isTrue();
    }
  }

  @Test
  void pullWhenTransferRevertsOnChainThenRefused() {
    BigInteger tooMuch = BigInteger.ONE.shiftLeft(64);
    PaymentHarness server =
        harness(
            method(),
            Offer.charge(TempoMethod.ID).price(io.mpp4j.core.Price.baseUnits(tooMuch)).build());
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    TestPayer tx =
        TestPayer.from(payer)
            .call(
                LocalTempoChain.PATH_USD,
                Tip20.encodeTransfer(CHAIN.merchant().address(), tooMuch, memoFor(challenge)));

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(problem(decision)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(PaymentHarness.detail(decision)).contains("reverted");
  }

  @Test
  void pullWhenSplitsPaidInAnyOrderThenPaid() {
    PaymentHarness server =
        harness(method().split(TempoSplit.of(CHAIN.partner().address(), "0.02")), price("0.10"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    TestPayer tx =
        TestPayer.from(payer)
            .transfer(LocalTempoChain.PATH_USD, CHAIN.partner().address(), 20_000, null)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 80_000, memoFor(challenge));

    assertThat(paidReference(server.pay(challenge, transaction(tx.signedHex()), null)))
        .isEqualTo(Hex.encode(tx.signed().hash()));
  }

  @Test
  void pullWhenServerSponsorsThenCoSignedAndPayerPaysNoFee() {
    PaymentHarness server =
        harness(method().feePayer(Secret.of(CHAIN.sponsor().privateKey())), price("0.30"));
    Challenge challenge = server.challenge();
    assertThat(challenge.requestJson().path("methodDetails").path("feePayer").asBoolean()).isTrue();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, payer.address());
    TestPayer tx =
        TestPayer.from(payer)
            .sponsored()
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 300_000, memoFor(challenge));

    String reference =
        paidReference(server.pay(challenge, transaction(tx.signedHex()), payer.did()));

    // anvil reports the sender as receipt.feePayer; the fee transfer log tells who paid
    JsonNode receipt = CHAIN.rpc("eth_getTransactionReceipt", reference);
    assertThat(feePayers(receipt)).containsExactly(CHAIN.sponsor().address());
    assertThat(CHAIN.balance(LocalTempoChain.PATH_USD, payer.address()))
        .isEqualTo(before.subtract(BigInteger.valueOf(300_000)));
  }

  private static java.util.List<String> feePayers(JsonNode receipt) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (ReceiptCheck.Movement movement : ReceiptCheck.movements(receipt.get("logs"))) {
      if (movement.transfer().recipient().equals(Tip20.FEE_MANAGER)) {
        out.add(movement.from());
      }
    }
    return out;
  }

  @Test
  void pullWhenSponsoredTransactionBreaksPolicyThenRefusedBeforeCoSigning() {
    PaymentHarness server =
        harness(method().feePayer(Secret.of(CHAIN.sponsor().privateKey())), price("0.30"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    TestPayer tx =
        TestPayer.from(payer)
            .sponsored()
            .gas(3_000_000)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 300_000, memoFor(challenge));

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(PaymentHarness.detail(decision)).contains("gas limit exceeds sponsor policy");
  }

  @Test
  void pullWhenSponsoredPayerCannotCoverAmountThenRefusedBeforeCoSigning() {
    PaymentHarness server =
        harness(method().feePayer(Secret.of(CHAIN.sponsor().privateKey())), price("0.30"));
    Challenge challenge = server.challenge();
    BigInteger unfunded = Secp256k1.privateKey(Keccak.hash("an unfunded test payer"));
    TestPayer tx =
        new TestPayer(unfunded, LocalTempoChain.CHAIN_ID)
            .sponsored()
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 300_000, memoFor(challenge));

    Decision decision = server.pay(challenge, transaction(tx.signedHex()), null);

    assertThat(PaymentHarness.detail(decision)).contains("balance does not cover");
  }

  @Test
  void pushWhenClientBroadcastsThenPaid() {
    PaymentHarness server = harness(method(), price("0.07"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    JsonNode receipt =
        TestPayer.from(payer)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 70_000, memoFor(challenge))
            .broadcast(CHAIN);
    String txHash = receipt.path("transactionHash").asText();

    Decision decision =
        server.pay(challenge, hash(txHash.toUpperCase().replace("0X", "0x")), payer.did());

    assertThat(paidReference(decision)).isEqualTo(txHash);
  }

  @Test
  void pushWhenHashReusedThenRefused() {
    PaymentHarness server = harness(method().memo(ROUTE_MEMO), price("0.01"));
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String txHash =
        TestPayer.from(payer)
            .transfer(LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 10_000, ROUTE_MEMO)
            .broadcast(CHAIN)
            .path("transactionHash")
            .asText();

    Decision first = server.pay(server.challenge(), hash(txHash), null);
    Decision again = server.pay(server.challenge(), hash(txHash.substring(2)), null);

    assertThat(first).isInstanceOf(Decision.Paid.class);
    assertThat(PaymentHarness.detail(again)).contains("already been used");
  }

  @Test
  void pushWhenThirdPartysTransferClaimedThenRefused() {
    PaymentHarness server = harness(method(), price("0.02"));
    Challenge victims = server.challenge();
    LocalTempoChain.DevAccount victim = CHAIN.freshAccount();
    String txHash =
        TestPayer.from(victim)
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 20_000, memoFor(victims))
            .broadcast(CHAIN)
            .path("transactionHash")
            .asText();
    LocalTempoChain.DevAccount attacker = CHAIN.freshAccount();

    Decision stolen = server.pay(server.challenge(), hash(txHash), attacker.did());
    Decision stolenWithoutSource = server.pay(server.challenge(), hash(txHash), null);
    Decision owner = server.pay(victims, hash(txHash), victim.did());

    assertThat(problem(stolen)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(problem(stolenWithoutSource)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(owner).isInstanceOf(Decision.Paid.class);
  }

  @Test
  void pushWhenWrongAmountOrRevertedThenRefused() {
    PaymentHarness server = harness(method(), price("0.04"));
    Challenge challenge = server.challenge();
    String shortHash =
        TestPayer.from(CHAIN.freshAccount())
            .transfer(
                LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 39_999, memoFor(challenge))
            .broadcast(CHAIN)
            .path("transactionHash")
            .asText();
    JsonNode reverted =
        TestPayer.from(CHAIN.freshAccount())
            .call(
                LocalTempoChain.PATH_USD,
                Tip20.encodeTransfer(
                    CHAIN.merchant().address(), BigInteger.ONE.shiftLeft(64), memoFor(challenge)))
            .broadcast(CHAIN);

    Decision wrongAmount = server.pay(challenge, hash(shortHash), null);
    Decision revertedDecision =
        server.pay(server.challenge(), hash(reverted.path("transactionHash").asText()), null);

    assertThat(reverted.path("status").asText()).isEqualTo("0x0");
    assertThat(problem(wrongAmount)).isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(PaymentHarness.detail(revertedDecision)).contains("reverted");
  }

  @Test
  void pushWhenHashUnknownThenRefusedAsNotFound() {
    PaymentHarness server = harness(method(), price("0.01"));

    Decision decision = server.pay(server.challenge(), hash("0x" + "ab".repeat(32)), null);

    assertThat(PaymentHarness.detail(decision)).contains("not found");
  }

  @Test
  void proofWhenZeroAmountSignedByPayerThenPaidWithChallengeReference() {
    PaymentHarness server = harness(method(), price("0"));
    Challenge challenge = server.challenge();
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    byte[] digest =
        ProofTypedData.V3.digest(
            LocalTempoChain.CHAIN_ID, challenge.id(), PaymentHarness.REALM, payer.address());
    String signature = Hex.encode(Secp256k1.sign(digest, payer.key()).toBytes65());

    Decision decision = server.pay(challenge, PaymentHarness.proof(signature), payer.did());

    assertThat(paidReference(decision)).isEqualTo(challenge.id());
  }
}
