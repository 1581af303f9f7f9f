package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Strict hex, addresses, quantities and keccak-256. */
class HexTest {
  @Test
  void decodeWhenNotStrictHexThenRefused() {
    assertThat(Hex.decode("0xA0ff")).containsExactly((byte) 0xa0, (byte) 0xff);
    assertThatThrownBy(() -> Hex.decode("a0ff")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode("0xa0f")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode("0xzz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode("0x00", 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeWhenADigitOfAnotherScriptThenRefused() {
    assertThatThrownBy(() -> Hex.decode("0x\uFF21\uFF21"))
        .as("fullwidth A: a hex digit to Character.digit, not to hex")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode("0x\u0661\u0661"))
        .as("Arabic-Indic one")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isHexWhenExactlyThatManyBytesThenTrueInEitherCase() {
    String word = "0x" + "ab".repeat(32);
    assertThat(Hex.isHex(word, 32)).isTrue();
    assertThat(Hex.isHex(word.toUpperCase(), 32)).isTrue();
    assertThat(Hex.isHex(word.substring(0, 65), 32)).isFalse();
    assertThat(Hex.isHex(word + "a", 32)).isFalse();
    assertThat(Hex.isHex(word + "ab", 32)).isFalse();
    assertThat(Hex.isHex("00" + word.substring(2), 32)).isFalse();
    assertThat(Hex.isHex("0x" + "g" + word.substring(3), 32)).isFalse();
    assertThat(Hex.isHex("0x" + "\uFF21" + word.substring(3), 32)).isFalse();
    assertThat(Hex.isHex(null, 32)).isFalse();
  }

  @Test
  void addressWhenChecksummedThenNormalisedToLowercase() {
    assertThat(Hex.address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
        .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(Hex.isAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb922")).isFalse();
    assertThat(Hex.isZeroAddress("0x" + "0".repeat(40))).isTrue();
    assertThat(Hex.isZeroAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")).isFalse();
    assertThatThrownBy(() -> Hex.checkedAddress("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quantityWhenJsonRpcFormThenParsedAndOversizeRefused() {
    assertThat(Hex.quantity("0x1a")).isEqualTo(BigInteger.valueOf(26));
    assertThat(Hex.quantity("0x0")).isZero();
    assertThatThrownBy(() -> Hex.quantity("0x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.quantity("26")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.quantity("0x1" + "0".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsignedAndMinimalWhenEncodedThenFixedAndShortestWidth() {
    assertThat(Hex.encode(Hex.unsigned(BigInteger.valueOf(255), 4))).isEqualTo("0x000000ff");
    assertThat(Hex.minimal(BigInteger.ZERO)).isEmpty();
    assertThat(Hex.encode(Hex.minimal(BigInteger.valueOf(128)))).isEqualTo("0x80");
    assertThatThrownBy(() -> Hex.unsigned(BigInteger.valueOf(256), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.minimal(BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keccakWhenKnownInputsThenKnownDigestsAndSelector() {
    assertThat(Hex.encode(Keccak.hash("")))
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Hex.encode(Keccak.selector("transfer(address,uint256)"))).isEqualTo("0xa9059cbb");
  }
}
