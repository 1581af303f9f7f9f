package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;

/** Transaction receipts as a Tempo node returns them, for tests without a chain. */
final class Receipts {
  private Receipts() {}

  static ObjectNode receipt(String hash, String from, String status) {
    ObjectNode receipt = Json.object();
    receipt.put("transactionHash", hash);
    receipt.put("status", status);
    receipt.put("from", from);
    receipt.put("type", "0x76");
    receipt.putArray("logs");
    return receipt;
  }

  /** Adds the {@code Transfer} + {@code TransferWithMemo} pair a {@code transferWithMemo} emits. */
  static ObjectNode withMemoTransfer(
      ObjectNode receipt, String token, String from, String to, long amount, String memo) {
    transfer(receipt, token, from, to, amount);
    ArrayNode logs = (ArrayNode) receipt.get("logs");
    ObjectNode log = logs.addObject();
    log.put("address", token);
    log.putArray("topics")
        .add(Tip20.TRANSFER_WITH_MEMO_TOPIC)
        .add(word(from))
        .add(word(to))
        .add(memo);
    log.put("data", Hex.encode(Hex.unsigned(BigInteger.valueOf(amount), 32)));
    log.put("logIndex", "0x" + Integer.toHexString(logs.size() - 1));
    return receipt;
  }

  static ObjectNode transfer(
      ObjectNode receipt, String token, String from, String to, long amount) {
    ArrayNode logs = (ArrayNode) receipt.get("logs");
    ObjectNode log = logs.addObject();
    log.put("address", token);
    log.putArray("topics").add(Tip20.TRANSFER_TOPIC).add(word(from)).add(word(to));
    log.put("data", Hex.encode(Hex.unsigned(BigInteger.valueOf(amount), 32)));
    log.put("logIndex", "0x" + Integer.toHexString(logs.size() - 1));
    return receipt;
  }

  static String word(String address) {
    return "0x" + "0".repeat(24) + address.substring(2).toLowerCase();
  }
}
