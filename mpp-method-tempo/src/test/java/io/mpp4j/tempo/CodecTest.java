package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Rlp;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Tempo transactions over arbitrary bytes, TIP-20 calldata and attribution memo encodings; RLP
 * itself is tested in mpp-chain ({@code RlpTest}).
 */
class CodecTest {
  @Property(tries = 300)
  void transactionDecoderWhenArbitraryBytesThenOnlyRlpExceptions(@ForAll byte[] body) {
    byte[] input = new byte[body.length + 1];
    input[0] = 0x76;
    System.arraycopy(body, 0, input, 1, body.length);
    try {
      TempoTransaction tx = TempoTransaction.decode(input);
      assertThat(tx.encode()).isEqualTo(input);
    } catch (Rlp.RlpException e) {
      assertThat(e).isNotNull();
    }
  }

  @Test
  void transferCalldataWhenVectorThenDecodes() {
    byte[] data = Hex.decode(TempoTransactionVectorsTest.TRANSFER_CALLDATA);

    Tip20.Transfer transfer = Tip20.decodeCall(data).orElseThrow();

    assertThat(transfer.recipient()).isEqualTo("0x742d35cc6634c0532925a3b844bc9e7595f8fe00");
    assertThat(transfer.amount()).isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(transfer.memo()).isNull();
    assertThat(Tip20.encodeTransfer(transfer.recipient(), transfer.amount(), null)).isEqualTo(data);
  }

  @Test
  void transferCalldataWhenDirtyAddressOrWrongLengthThenNotATransfer() {
    byte[] data = Hex.decode(TempoTransactionVectorsTest.TRANSFER_CALLDATA);
    byte[] dirty = data.clone();
    dirty[5] = 1;

    assertThat(Tip20.decodeCall(dirty)).isEmpty();
    assertThat(Tip20.decodeCall(java.util.Arrays.copyOf(data, 67))).isEmpty();
    assertThat(Tip20.decodeCall(java.util.Arrays.copyOf(data, 100))).isEmpty();
  }

  @Test
  void attributionWhenConformanceChallengeThenKnownMemo() {
    String memo = Attribution.encode("api.example.com", null, "challenge-123");

    assertThat(memo)
        .isEqualTo("0xef1ed712011ece072f76bd8b82350e00000000000000000000eb18f2d4402269");
    assertThat(Attribution.isBound(memo, "api.example.com", "challenge-123")).isTrue();
    assertThat(Attribution.isBound(memo, "api.example.com", "challenge-124")).isFalse();
    assertThat(Attribution.isBound(memo, "other.example.com", "challenge-123")).isFalse();
    assertThat(Attribution.isBound("0x" + "ab".repeat(32), "api.example.com", "challenge-123"))
        .isFalse();
  }
}
