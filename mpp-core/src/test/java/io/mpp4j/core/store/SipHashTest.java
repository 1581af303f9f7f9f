package io.mpp4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipHashTest {
  private static final SipHash REFERENCE_KEY =
      new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

  /**
   * The reference implementation's vectors: key 00..0f, message 00 01 .. (length - 1); 15 bytes is
   * the SipHash paper's worked example. Lengths around the 8-byte block edge.
   */
  @ParameterizedTest
  @CsvSource({
    "0, 726fdb47dd0e0e31",
    "7, ab0200f58b01d137",
    "8, 93f5f5799a932462",
    "15, a129ca6149be45e5",
    "16, 3f2acc7f57c29bdb",
    "63, 958a324ceb064572"
  })
  void hashWhenReferenceKeyAndCountingMessageThenReferenceOutput(int length, String expected) {
    byte[] message = new byte[length];
    for (int i = 0; i < length; i++) {
      message[i] = (byte) i;
    }
    assertThat(Long.toHexString(REFERENCE_KEY.hash(message))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "1, 0"})
  void hashWhenKeyDiffersThenOutputDiffers(long k0, long k1) {
    byte[] message = "challenge:abc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(new SipHash(k0, k1).hash(message)).isNotEqualTo(new SipHash(0, 0).hash(message));
  }
}
