package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.chain.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The v1 escrow calls a client's transaction carries and the channel getChannel returns. */
class EscrowTest {
  private static final String PAYEE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String TOKEN = "0x20c0000000000000000000000000000000000000";
  private static final String SALT = "0x" + "aa".repeat(32);

  @Test
  void selectorsWhenComputedThenMatchTheReferenceAbi() {
    assertThat(Hex.encode(Escrow.OPEN)).isEqualTo("0xc79ea485");
    assertThat(Hex.encode(Escrow.SETTLE)).isEqualTo("0x516d3b88");
    assertThat(Hex.encode(Escrow.CLOSE)).isEqualTo("0x0d65c51d");
    assertThat(Hex.encode(Escrow.GET_CHANNEL)).isEqualTo("0x831c2b82");
    assertThat(Escrow.CLOSE_REQUESTED_TOPIC).startsWith("0xf5a36fc0");
  }

  @Test
  void decodeOpenWhenWellFormedThenArgumentsElseEmpty() {
    byte[] data =
        Abi.call(
            Escrow.OPEN,
            Abi.address(PAYEE),
            Abi.address(TOKEN),
            Abi.uint(BigInteger.valueOf(1_000_000)),
            Abi.bytes32(SALT),
            Abi.address(PAYEE));

    Escrow.Open open = Escrow.decodeOpen(data).orElseThrow();

    assertThat(open)
        .isEqualTo(new Escrow.Open(PAYEE, TOKEN, BigInteger.valueOf(1_000_000), SALT, PAYEE));
    byte[] dirty = data.clone();
    dirty[4] = 1;
    assertThat(Escrow.decodeOpen(dirty)).isEmpty();
    assertThat(Escrow.decodeOpen(java.util.Arrays.copyOf(data, data.length + 1))).isEmpty();
    byte[] wide = data.clone();
    wide[4 + 2 * 32 + 15] = 1;
    assertThat(Escrow.decodeOpen(wide)).isEmpty();
  }

  @Test
  void decodeChannelWhenStructThenFieldsInTheReferenceOrder() {
    byte[] data =
        Abi.words(
            Abi.uint(BigInteger.ONE),
            Abi.uint(BigInteger.valueOf(1_700_000_000)),
            Abi.address(PAYEE),
            Abi.address(PAYEE),
            Abi.address(TOKEN),
            Abi.address("0x0000000000000000000000000000000000000000"),
            Abi.uint(BigInteger.valueOf(5_000)),
            Abi.uint(BigInteger.valueOf(1_000)));

    Escrow.OnChain channel = Escrow.decodeChannel(data);

    assertThat(channel.finalized()).isTrue();
    assertThat(channel.closeRequestedAt()).isEqualTo(1_700_000_000L);
    assertThat(channel.voucherSigner()).isEqualTo(PAYEE);
    assertThat(channel.deposit()).isEqualTo(5_000);
    assertThat(channel.settled()).isEqualTo(1_000);
    assertThatThrownBy(() -> Escrow.decodeChannel(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settleWhenEncodedThenDynamicBytesTailPadded() {
    byte[] signature = new byte[65];
    byte[] data = Escrow.settle("0x" + "ab".repeat(32), BigInteger.TEN, signature);

    assertThat(data).hasSize(4 + 32 * 4 + 96);
    assertThat(Abi.uintAt(data, 4, 2)).isEqualTo(96);
    assertThat(Abi.uintAt(data, 4, 3)).isEqualTo(65);
  }
}
