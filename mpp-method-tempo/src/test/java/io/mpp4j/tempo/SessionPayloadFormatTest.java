package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The payload's format checks, done before any store access or signature work (hex itself: {@code
 * HexTest} in mpp-chain).
 */
class SessionPayloadFormatTest {
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
  void isSignatureWhen64Or65BytesThenAcceptedOtherwiseRefused() {
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(64))).isTrue();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(65))).isTrue();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(63))).isFalse();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(66))).isFalse();
    assertThat(SessionPayload.isSignature("0x" + "cd".repeat(64) + "c")).isFalse();
    assertThat(SessionPayload.isSignature("0x\uFF21" + "cd".repeat(64).substring(1))).isFalse();
  }
}
