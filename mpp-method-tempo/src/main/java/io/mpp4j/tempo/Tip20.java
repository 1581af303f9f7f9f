package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of the TIP-20 token interface a charge touches (tempoxyz/tempo {@code tip20.rs}): the
 * {@code transfer} and {@code transferWithMemo} calls and the {@code Transfer} and {@code
 * TransferWithMemo} events.
 */
final class Tip20 {
  static final String TRANSFER_SELECTOR = "0xa9059cbb";
  static final String TRANSFER_WITH_MEMO_SELECTOR = "0x95777d59";
  static final String BALANCE_OF_SELECTOR = "0x70a08231";
  static final String TRANSFER_TOPIC =
      "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  static final String TRANSFER_WITH_MEMO_TOPIC =
      "0x57bc7354aa85aed339e000bccffabbc529466af35f0772c8f8ee1145927de7f0";

  /** Where the protocol sends transaction fees; its {@code Transfer} logs never pay a charge. */
  static final String FEE_MANAGER = "0xfeec000000000000000000000000000000000000";

  private static final byte[] TRANSFER = Hex.decode(TRANSFER_SELECTOR);
  private static final byte[] TRANSFER_WITH_MEMO = Hex.decode(TRANSFER_WITH_MEMO_SELECTOR);

  private Tip20() {}

  /**
   * A decoded transfer (from a call or a log).
   *
   * @param recipient lowercase address
   * @param amount base units
   * @param memo lowercase bytes32, or null for a plain transfer
   */
  record Transfer(String recipient, BigInteger amount, String memo) {}

  /**
   * Decodes exact {@code transfer} (68 bytes) or {@code transferWithMemo} (100 bytes) calldata; any
   * other selector, length or a dirty address word gives empty.
   */
  static Optional<Transfer> decodeCall(byte[] data) {
    if (data.length == 68 && startsWith(data, TRANSFER)) {
      return address(data, 4).map(to -> new Transfer(to, word(data, 36), null));
    }
    if (data.length == 100 && startsWith(data, TRANSFER_WITH_MEMO)) {
      String memo = Hex.encode(Arrays.copyOfRange(data, 68, 100));
      return address(data, 4).map(to -> new Transfer(to, word(data, 36), memo));
    }
    return Optional.empty();
  }

  static byte[] encodeTransfer(String to, BigInteger amount, String memo) {
    byte[] selector = memo == null ? TRANSFER : TRANSFER_WITH_MEMO;
    byte[] out = new byte[memo == null ? 68 : 100];
    System.arraycopy(selector, 0, out, 0, 4);
    System.arraycopy(Hex.decode(to, 20), 0, out, 16, 20);
    System.arraycopy(Hex.unsigned(amount, 32), 0, out, 36, 32);
    if (memo != null) {
      System.arraycopy(Hex.decode(memo, 32), 0, out, 68, 32);
    }
    return out;
  }

  /** The address in a 32-byte topic or ABI word, if its 12 high bytes are zero. */
  static Optional<String> addressWord(byte[] word) {
    if (word.length != 32) {
      return Optional.empty();
    }
    return address(word, 0);
  }

  private static Optional<String> address(byte[] data, int offset) {
    for (int i = offset; i < offset + 12; i++) {
      if (data[i] != 0) {
        return Optional.empty();
      }
    }
    return Optional.of(Hex.encode(Arrays.copyOfRange(data, offset + 12, offset + 32)));
  }

  private static BigInteger word(byte[] data, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32));
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
