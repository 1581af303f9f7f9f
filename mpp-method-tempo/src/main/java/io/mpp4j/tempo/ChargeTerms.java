package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.ChargeRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Tempo charge request read into typed terms (draft-tempo-charge-00 §4): who gets how much of
 * which token on which chain, with which memos, and how it may be paid.
 *
 * @param amount total in base units
 * @param currency TIP-20 token, lowercase
 * @param recipient primary recipient, lowercase
 * @param chainId chain the payment must happen on, or null when the request names none
 * @param feePayer whether the server sponsors fees
 * @param memo the memo the primary transfer must carry, or null for the attribution memo
 * @param splits further transfers
 * @param modes accepted modes ({@code pull}, {@code push})
 */
record ChargeTerms(
    BigInteger amount,
    String currency,
    String recipient,
    Long chainId,
    boolean feePayer,
    String memo,
    List<Split> splits,
    Set<String> modes) {

  static final String PULL = "pull";
  static final String PUSH = "push";

  ChargeTerms {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(recipient, "recipient");
    splits = List.copyOf(splits);
    modes = Set.copyOf(modes);
  }

  /** One split: recipient, amount and an optional exact memo. */
  record Split(String recipient, BigInteger amount, String memo) {}

  /**
   * A transfer a payment must contain: its recipient and exact amount, and what its memo must be
   * ({@code exactMemo}, or when {@code attributed} an attribution memo for this challenge, else
   * anything).
   */
  record Expected(String recipient, BigInteger amount, String exactMemo, boolean attributed) {
    boolean memoSpecific() {
      return exactMemo != null || attributed;
    }

    boolean accepts(Tip20.Transfer transfer, String realm, String challengeId) {
      if (!recipient.equals(transfer.recipient()) || amount.compareTo(transfer.amount()) != 0) {
        return false;
      }
      if (exactMemo != null) {
        return exactMemo.equals(transfer.memo());
      }
      if (attributed) {
        return transfer.memo() != null && Attribution.isBound(transfer.memo(), realm, challengeId);
      }
      return true;
    }
  }

  /**
   * The transfers a payment must make: the primary (the amount less the splits, bound to the
   * challenge unless the request sets a memo) and one per split.
   */
  List<Expected> expectedTransfers() {
    BigInteger primary = amount;
    List<Expected> out = new ArrayList<>();
    for (Split split : splits) {
      primary = primary.subtract(split.amount());
      out.add(new Expected(split.recipient(), split.amount(), split.memo(), false));
    }
    out.add(0, new Expected(recipient, primary, memo, memo == null));
    return out;
  }

  boolean allows(String mode) {
    return modes.contains(mode);
  }

  /**
   * Reads the terms of a charge request.
   *
   * @throws IllegalArgumentException when the request is not a valid Tempo charge
   */
  static ChargeTerms of(ChargeRequest request) {
    if (request.recipient() == null) {
      throw new IllegalArgumentException("a Tempo charge needs a recipient");
    }
    JsonNode details = request.methodDetails();
    Long chainId = null;
    boolean feePayer = false;
    String memo = null;
    List<Split> splits = new ArrayList<>();
    Set<String> modes = new TreeSet<>(List.of(PULL, PUSH));
    if (details != null) {
      JsonNode chain = details.get("chainId");
      if (chain != null && !chain.isNull()) {
        if (!chain.isIntegralNumber() || !chain.canConvertToLong() || chain.asLong() <= 0) {
          throw new IllegalArgumentException("chainId must be a positive integer");
        }
        chainId = chain.asLong();
      }
      JsonNode sponsor = details.get("feePayer");
      if (sponsor != null && !sponsor.isNull()) {
        if (!sponsor.isBoolean()) {
          throw new IllegalArgumentException("feePayer must be a boolean");
        }
        feePayer = sponsor.booleanValue();
      }
      memo = optionalWord(details.get("memo"), "memo");
      readSplits(details.get("splits"), splits);
      JsonNode supported = details.get("supportedModes");
      if (supported != null && !supported.isNull()) {
        modes = readModes(supported);
      }
    }
    BigInteger splitTotal =
        splits.stream().map(Split::amount).reduce(BigInteger.ZERO, BigInteger::add);
    if (!splits.isEmpty() && splitTotal.compareTo(request.amount()) >= 0) {
      throw new IllegalArgumentException("splits must add up to less than the amount");
    }
    return new ChargeTerms(
        request.amount(),
        Hex.address(request.currency()),
        Hex.address(request.recipient()),
        chainId,
        feePayer,
        memo,
        splits,
        modes);
  }

  private static void readSplits(JsonNode node, List<Split> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("splits must be a non-empty array");
    }
    for (JsonNode split : node) {
      JsonNode amount = split.get("amount");
      JsonNode recipient = split.get("recipient");
      if (amount == null
          || !amount.isTextual()
          || !amount.textValue().matches("[1-9][0-9]{0,77}")) {
        throw new IllegalArgumentException("a split amount is a positive base-unit integer string");
      }
      if (recipient == null || !recipient.isTextual()) {
        throw new IllegalArgumentException("a split needs a recipient");
      }
      out.add(
          new Split(
              Hex.address(recipient.textValue()),
              new BigInteger(amount.textValue()),
              optionalWord(split.get("memo"), "split memo")));
    }
  }

  private static Set<String> readModes(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("supportedModes must be a non-empty array");
    }
    Set<String> modes = new TreeSet<>();
    for (JsonNode mode : node) {
      String value = mode.isTextual() ? mode.textValue().toLowerCase(Locale.ROOT) : "";
      if (!value.equals(PULL) && !value.equals(PUSH)) {
        throw new IllegalArgumentException("supportedModes lists pull and push only");
      }
      modes.add(value);
    }
    return modes;
  }

  private static String optionalWord(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(name + " must be a bytes32 hex string");
    }
    return Hex.word(node.textValue());
  }
}
