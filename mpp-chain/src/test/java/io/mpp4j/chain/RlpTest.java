package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RLP: canonical round trips, strict refusals, and the yellow paper's examples. */
class RlpTest {
  @Property(tries = 300)
  void rlpWhenEncodedThenDecodesToSameItem(@ForAll("items") Rlp.Item item) {
    assertThat(Rlp.decode(Rlp.encode(item))).isEqualTo(item);
  }

  @Property(tries = 500)
  void rlpWhenArbitraryBytesThenDecodesOrRefusesCleanly(@ForAll byte[] input) {
    try {
      Rlp.Item item = Rlp.decode(input);
      assertThat(Rlp.encode(item)).isEqualTo(input);
    } catch (Rlp.RlpException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }

  @Provide
  Arbitrary<Rlp.Item> items() {
    Arbitrary<Rlp.Item> leaf =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(Rlp::bytes);
    return Arbitraries.recursive(
        () -> leaf,
        inner -> inner.list().ofMaxSize(5).map(list -> (Rlp.Item) Rlp.list(List.copyOf(list))),
        3);
  }

  @Test
  void rlpWhenNonCanonicalThenRefused() {
    assertThatThrownBy(() -> Rlp.decode(new byte[] {(byte) 0x81, 0x05}))
        .isInstanceOf(Rlp.RlpException.class);
    assertThatThrownBy(() -> Rlp.decode(new byte[] {(byte) 0xb8, 0x02, 1, 2}))
        .isInstanceOf(Rlp.RlpException.class);
    assertThatThrownBy(() -> new Rlp.Bytes(new byte[] {0, 1}).asInteger())
        .isInstanceOf(Rlp.RlpException.class);
  }

  @Test
  void encodeWhenYellowPaperExamplesThenKnownBytes() {
    assertThat(Hex.encode(Rlp.encode(Rlp.bytes("dog".getBytes())))).isEqualTo("0x83646f67");
    assertThat(
            Hex.encode(
                Rlp.encode(Rlp.list(Rlp.bytes("cat".getBytes()), Rlp.bytes("dog".getBytes())))))
        .isEqualTo("0xc88363617483646f67");
    assertThat(Hex.encode(Rlp.encode(Rlp.integer(0)))).isEqualTo("0x80");
    assertThat(Hex.encode(Rlp.encode(Rlp.integer(1024)))).isEqualTo("0x820400");
    assertThat(Hex.encode(Rlp.encode(Rlp.list()))).isEqualTo("0xc0");
  }

  @Test
  void decodeWhenNestedBeyondTheLimitThenRefused() {
    Rlp.Item item = Rlp.integer(BigInteger.ONE);
    for (int i = 0; i < Rlp.MAX_DEPTH; i++) {
      item = Rlp.list(item);
    }
    assertThat(Rlp.decode(Rlp.encode(item))).isEqualTo(item);
    byte[] tooDeep = Rlp.encode(Rlp.list(item));

    assertThatThrownBy(() -> Rlp.decode(tooDeep))
        .isInstanceOf(Rlp.RlpException.class)
        .hasMessageContaining("too deep");
  }
}
