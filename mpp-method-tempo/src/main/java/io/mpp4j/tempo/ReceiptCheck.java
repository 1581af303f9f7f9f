package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a payment from a transaction receipt (draft-tempo-charge-00 §7, hash settlement): success
 * status, and {@code Transfer}/{@code TransferWithMemo} logs emitted by the currency token that pay
 * every expected recipient the exact amount with the required memo. A {@code transferWithMemo}
 * emits both events for one movement of funds; the pair counts once. Fee transfers to the fee
 * manager never count.
 */
final class ReceiptCheck {
  private ReceiptCheck() {}

  /** One movement of funds seen in the logs. */
  record Movement(String token, String from, Tip20.Transfer transfer) {}

  /**
   * Verifies {@code receipt} and returns its transaction hash (lowercase).
   *
   * @param expectedHash the hash the receipt must be for, or null
   * @param sender the address the funds must come from, or null when unknown
   * @throws PaymentExceptions.VerificationFailed when the receipt does not prove the payment
   * @throws RpcException when the receipt is not a well-formed receipt
   */
  static String verify(
      JsonNode receipt,
      ChargeTerms terms,
      String expectedHash,
      String sender,
      String realm,
      String challengeId) {
    String hash = hash(receipt);
    if (expectedHash != null && !expectedHash.equals(hash)) {
      throw new PaymentExceptions.VerificationFailed(
          "The receipt is for another transaction than the one paid with.");
    }
    String status = text(receipt, "status");
    if (!isSuccess(status)) {
      throw new PaymentExceptions.VerificationFailed("The payment transaction reverted.");
    }
    List<Tip20.Transfer> candidates = new ArrayList<>();
    for (Movement movement : movements(receipt.get("logs"))) {
      if (movement.token().equals(terms.currency())
          && !Tip20.FEE_MANAGER.equals(movement.transfer().recipient())
          && (sender == null || sender.equals(movement.from()))) {
        candidates.add(movement.transfer());
      }
    }
    if (TransferMatcher.match(terms.expectedTransfers(), candidates, realm, challengeId)
        .isEmpty()) {
      throw new PaymentExceptions.VerificationFailed(
          "Payment verification failed: no matching transfer found.");
    }
    return hash;
  }

  /** The transaction hash of a receipt, lowercase. */
  static String hash(JsonNode receipt) {
    try {
      return Hex.word(text(receipt, "transactionHash"));
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("receipt has no transaction hash");
    }
  }

  /** The receipt's {@code from}, lowercase, or null when it has none. */
  static String from(JsonNode receipt) {
    JsonNode from = receipt.get("from");
    if (from == null || from.isNull()) {
      return null;
    }
    try {
      return Hex.address(from.asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("receipt sender is malformed");
    }
  }

  /**
   * Whether a receipt says its transaction succeeded.
   *
   * @throws RpcException when its status is missing or malformed
   */
  static boolean isSuccess(JsonNode receipt) {
    return isSuccess(text(receipt, "status"));
  }

  private static boolean isSuccess(String status) {
    if (status == null) {
      throw RpcException.badResponse("receipt has no status");
    }
    try {
      return Hex.quantity(status).equals(BigInteger.ONE);
    } catch (IllegalArgumentException e) {
      throw RpcException.badResponse("receipt status is malformed");
    }
  }

  /** Transfers in log order, each {@code transferWithMemo} pair folded into one memo transfer. */
  static List<Movement> movements(JsonNode logs) {
    if (logs == null || !logs.isArray()) {
      throw RpcException.badResponse("receipt has no logs array");
    }
    List<Log> parsed = new ArrayList<>();
    int position = 0;
    for (JsonNode log : logs) {
      Log decoded = Log.decode(log, position++);
      if (decoded != null) {
        parsed.add(decoded);
      }
    }
    parsed.sort((a, b) -> a.index.compareTo(b.index));
    List<Movement> out = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      Log log = parsed.get(i);
      Log next = i + 1 < parsed.size() ? parsed.get(i + 1) : null;
      if (next != null && log.isTwinOf(next)) {
        Log memo = log.memo != null ? log : next;
        out.add(memo.movement());
        i++;
      } else {
        out.add(log.movement());
      }
    }
    return out;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  /** A decoded {@code Transfer} or {@code TransferWithMemo} log. */
  private record Log(
      BigInteger index, String token, String from, String to, BigInteger amount, String memo) {

    Movement movement() {
      return new Movement(token, from, new Tip20.Transfer(to, amount, memo));
    }

    boolean isTwinOf(Log other) {
      return (memo == null) != (other.memo == null)
          && token.equals(other.token)
          && from.equals(other.from)
          && to.equals(other.to)
          && amount.equals(other.amount)
          && index.subtract(other.index).abs().equals(BigInteger.ONE);
    }

    /** The log, or null when it is not a well-formed TIP-20 transfer event. */
    static Log decode(JsonNode log, int position) {
      JsonNode topics = log.get("topics");
      String topic0 =
          topics != null && topics.isArray() && topics.size() > 0 ? topics.get(0).asText("") : "";
      boolean plain = topic0.equalsIgnoreCase(Tip20.TRANSFER_TOPIC) && topics.size() == 3;
      boolean withMemo =
          topic0.equalsIgnoreCase(Tip20.TRANSFER_WITH_MEMO_TOPIC) && topics.size() == 4;
      if (!plain && !withMemo) {
        return null;
      }
      try {
        String token = Hex.address(text(log, "address"));
        String from = Tip20.addressWord(Hex.decode(topics.get(1).asText(), 32)).orElse(null);
        String to = Tip20.addressWord(Hex.decode(topics.get(2).asText(), 32)).orElse(null);
        byte[] data = Hex.decode(text(log, "data"), 32);
        String memo = withMemo ? Hex.word(topics.get(3).asText()) : null;
        String index = text(log, "logIndex");
        if (from == null || to == null) {
          return null;
        }
        return new Log(
            index == null ? BigInteger.valueOf(position) : Hex.quantity(index),
            token,
            from,
            to,
            new BigInteger(1, data),
            memo);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
