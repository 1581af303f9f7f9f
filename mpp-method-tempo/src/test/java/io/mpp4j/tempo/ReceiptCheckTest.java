package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Proving a payment from receipt logs (draft-tempo-charge-00 §7, hash settlement). */
class ReceiptCheckTest {
  static final String TOKEN = TempoMethod.PATH_USD;
  static final String MERCHANT = "0x742d35cc6634c0532925a3b844bc9e7595f8fe00";
  static final String PARTNER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  static final String PAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  static final String HASH = "0x" + "aa".repeat(32);
  static final String REALM = "api.example.com";
  static final String ID = "challenge-9";
  static final String MEMO = Attribution.encode(REALM, "some-client", ID);

  static ChargeTerms terms(long amount, ObjectNode details) {
    return ChargeTerms.of(
        new ChargeRequest(BigInteger.valueOf(amount), TOKEN, MERCHANT, null, null, details));
  }

  static String verify(ObjectNode receipt, ChargeTerms terms, String sender) {
    return ReceiptCheck.verify(receipt, terms, HASH, sender, REALM, ID);
  }

  @Test
  void verifyWhenMemoTransferPairPaysThenHashReturned() {
    ObjectNode receipt =
        Receipts.withMemoTransfer(
            Receipts.receipt(HASH, PAYER, "0x1"), TOKEN, PAYER, MERCHANT, 5_000, MEMO);

    assertThat(verify(receipt, terms(5_000, null), PAYER)).isEqualTo(HASH);
    assertThat(ReceiptCheck.movements(receipt.get("logs"))).hasSize(1);
  }

  @Test
  void verifyWhenPairMustPayTwoTransfersThenCountedOnceAndRefused() {
    ObjectNode details = Json.object();
    details.putArray("splits").addObject().put("amount", "5000").put("recipient", MERCHANT);
    ObjectNode receipt =
        Receipts.withMemoTransfer(
            Receipts.receipt(HASH, PAYER, "0x1"), TOKEN, PAYER, MERCHANT, 5_000, MEMO);

    assertThatThrownBy(() -> verify(receipt, terms(10_000, details), PAYER))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
  }

  @Test
  void verifyWhenSplitsPaidThenAcceptedInAnyOrder() {
    ObjectNode details = Json.object();
    details.putArray("splits").addObject().put("amount", "1000").put("recipient", PARTNER);
    ObjectNode receipt = Receipts.receipt(HASH, PAYER, "0x1");
    Receipts.transfer(receipt, TOKEN, PAYER, PARTNER, 1_000);
    Receipts.withMemoTransfer(receipt, TOKEN, PAYER, MERCHANT, 4_000, MEMO);

    assertThat(verify(receipt, terms(5_000, details), PAYER)).isEqualTo(HASH);
  }

  @Test
  void verifyWhenOnlyFeeTransfersOrOtherSenderThenRefused() {
    ObjectNode fees = Receipts.receipt(HASH, PAYER, "0x1");
    Receipts.transfer(fees, TOKEN, PAYER, Tip20.FEE_MANAGER, 5_000);
    ObjectNode otherSender =
        Receipts.withMemoTransfer(
            Receipts.receipt(HASH, PAYER, "0x1"), TOKEN, PARTNER, MERCHANT, 5_000, MEMO);

    assertThatThrownBy(() -> verify(fees, terms(5_000, null), PAYER))
        .hasMessageContaining("no matching transfer");
    assertThatThrownBy(() -> verify(otherSender, terms(5_000, null), PAYER))
        .hasMessageContaining("no matching transfer");
  }

  @Test
  void verifyWhenReceiptForAnotherHashThenRefused() {
    ObjectNode receipt =
        Receipts.withMemoTransfer(
            Receipts.receipt("0x" + "bb".repeat(32), PAYER, "0x1"),
            TOKEN,
            PAYER,
            MERCHANT,
            5_000,
            MEMO);

    assertThatThrownBy(() -> verify(receipt, terms(5_000, null), PAYER))
        .hasMessageContaining("another transaction");
  }

  @Test
  void movementsWhenLogsMalformedThenSkipped() {
    ObjectNode receipt = Receipts.receipt(HASH, PAYER, "0x1");
    ObjectNode bad = receipt.withArray("logs").addObject();
    bad.put("address", TOKEN);
    bad.putArray("topics").add(Tip20.TRANSFER_TOPIC).add("0x1234").add(Receipts.word(MERCHANT));
    bad.put("data", "0x01");
    ObjectNode dirty = receipt.withArray("logs").addObject();
    dirty.put("address", TOKEN);
    dirty
        .putArray("topics")
        .add(Tip20.TRANSFER_TOPIC)
        .add("0x" + "ff".repeat(12) + PAYER.substring(2))
        .add(Receipts.word(MERCHANT));
    dirty.put("data", Hex.encode(Hex.unsigned(BigInteger.TEN, 32)));

    assertThat(ReceiptCheck.movements(receipt.get("logs"))).isEmpty();
  }
}
