package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;

/**
 * Proves a settlement from its receipt (draft-evm-charge-00, authorization verification 9-10): the
 * receipt is for the expected transaction, reports success, and holds an ERC-20 {@code Transfer}
 * log emitted by the token that moves exactly the value from the payer to the recipient.
 */
final class ReceiptCheck {
  private ReceiptCheck() {}

  /** What a settlement must show. */
  record Expected(String hash, String token, String from, String to, BigInteger value) {}

  /**
   * @throws PaymentExceptions.VerificationFailed when the receipt does not prove the payment
   * @throws RpcException when it is not a well-formed receipt
   */
  static void verify(JsonNode receipt, Expected expected) {
    if (receipt == null || !receipt.isObject()) {
      throw RpcException.badResponse("receipt is not an object");
    }
    String hash;
    BigInteger status;
    try {
      hash = Hex.word(receipt.path("transactionHash").asText(""));
      status = Hex.quantity(receipt.path("status").asText(""));
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("receipt has no hash or status");
    }
    if (expected.hash() != null && !expected.hash().equals(hash)) {
      throw new PaymentExceptions.VerificationFailed(
          "The receipt is for another transaction than the settlement.");
    }
    if (!status.equals(BigInteger.ONE)) {
      throw new PaymentExceptions.VerificationFailed("The settlement transaction reverted.");
    }
    JsonNode logs = receipt.get("logs");
    if (logs == null || !logs.isArray()) {
      throw RpcException.badResponse("receipt has no logs array");
    }
    for (JsonNode log : logs) {
      if (isTransfer(log, expected)) {
        return;
      }
    }
    throw new PaymentExceptions.VerificationFailed(
        "The settlement did not transfer the price to the recipient.");
  }

  private static boolean isTransfer(JsonNode log, Expected expected) {
    JsonNode topics = log.get("topics");
    if (topics == null || !topics.isArray() || topics.size() != 3) {
      return false;
    }
    try {
      return Hex.address(log.path("address").asText("")).equals(expected.token())
          && topics.get(0).asText("").equalsIgnoreCase(Eip3009.TRANSFER_TOPIC)
          && Hex.word(topics.get(1).asText("")).equals(word(expected.from()))
          && Hex.word(topics.get(2).asText("")).equals(word(expected.to()))
          && new BigInteger(1, Hex.decode(log.path("data").asText(""), 32))
              .equals(expected.value());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String word(String address) {
    return Hex.encode(Eip3009.addressWord(address));
  }
}
