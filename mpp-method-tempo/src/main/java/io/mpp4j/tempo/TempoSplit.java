package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.core.Price;
import java.util.Objects;

/**
 * A part of a Tempo charge paid to another recipient (draft-tempo-charge-00 §4, {@code
 * methodDetails.splits}): the payer makes one more transfer of {@code amount} to {@code recipient},
 * with {@code memo} when given. The primary recipient gets the charge amount less all splits, which
 * must stay positive.
 *
 * @param recipient address of the split's recipient
 * @param amount what the split pays, a decimal price or base units
 * @param memo bytes32 hex the split transfer must carry, or null
 */
public record TempoSplit(String recipient, Price amount, String memo) {
  public TempoSplit {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(amount, "amount");
    if (!Hex.isAddress(recipient)) {
      throw new IllegalArgumentException("split recipient must be an address");
    }
    if (memo != null) {
      memo = Hex.word(memo);
    }
  }

  /** A split of {@code amount} (a decimal price such as {@code "0.10"}) without a memo. */
  public static TempoSplit of(String recipient, String amount) {
    return new TempoSplit(recipient, Price.of(amount), null);
  }
}
