package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The payload's format checks, done before any store access or signature work. */
class SessionPayloadFormatTest {
  private static final String WORD = "0x" + "ab".repeat(32);

  @Test
  void isDecimalWhenCanonicalUint128DigitsThenAccepted() {
    assertThat(SessionPayload.isDecimal("0")).isTrue();
    assertThat(SessionPayload.isDecimal("1000000")).isTrue();
    assertThat(SessionPayload.isDecimal("9".repeat(39))).isTrue();
  }

  @Test
  void isDecimalWhenLeadingZeroSignTooLongOrNonAsciiThenRefused() {
    assertThat(SessionPayload.isDecimal("")).isFalse();
    assertThat(SessionPayload.isDecimal("01")).isFalse();
    assertThat(SessionPayload.isDecimal("-1")).isFalse();
    assertThat(SessionPayload.isDecimal("+1")).isFalse();
    assertThat(SessionPayload.isDecimal("1".repeat(40))).isFalse();
    assertThat(SessionPayload.isDecimal("1.5")).isFalse();
    assertThat(SessionPayload.isDecimal("\u0661")).as("Arabic-Indic one").isFalse();
  }

  @Test
  void isPrefixedHexWhenBytes32ThenAcceptedInEitherCase() {
    assertThat(SessionPayload.isPrefixedHex(WORD, 64)).isTrue();
    assertThat(SessionPayload.isPrefixedHex(WORD.toUpperCase(), 64)).isTrue();
  }

  @Test
  void isPrefixedHexWhenWrongLengthPrefixOrDigitThenRefused() {
    assertThat(SessionPayload.isPrefixedHex(WORD.substring(0, 65), 64)).isFalse();
    assertThat(SessionPayload.isPrefixedHex(WORD + "a", 64)).isFalse();
    assertThat(SessionPayload.isPrefixedHex("00" + WORD.substring(2), 64)).isFalse();
    assertThat(SessionPayload.isPrefixedHex("0x" + "g" + WORD.substring(3), 64)).isFalse();
    assertThat(SessionPayload.isPrefixedHex("0x" + "\uFF21" + WORD.substring(3), 64))
        .as("a fullwidth A is a hex digit to Character.digit, not to the format")
        .isFalse();
  }

  @Test
  void isSignatureWhen64Or65BytesThenAcceptedOtherwiseRefused() {
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(64))).isTrue();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(65))).isTrue();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(63))).isFalse();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(66))).isFalse();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(64) + "c")).isFalse();
  }
}
