package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unpadded base64url (RFC 4648 §5) beyond the conformance vectors. */
class Base64UrlTest {

  @Test
  void encodeUsesUrlAlphabetWithoutPadding() {
    assertThat(Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("-_8");
  }

  @Test
  void decodeWhenPaddedThenPaddingTolerated() {
    assertThat(Base64Url.decode("YQ==")).isEqualTo("a".getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64Url.decode("YWI=")).isEqualTo("ab".getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Y===", "Y", "YWJjZ", "+/8", "YW I", "YQ=a", "=YQ", "YQ\n"})
  void decodeWhenNotBase64UrlThenCodecException(String text) {
    assertThatThrownBy(() -> Base64Url.decode(text)).isInstanceOf(CodecException.class);
  }

  @Test
  void decodeUtf8WhenOverlongOrSurrogateBytesThenCodecException() {
    String overlong = Base64Url.encode(new byte[] {(byte) 0xc0, (byte) 0xaf});
    String surrogate = Base64Url.encode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});

    assertThatThrownBy(() -> Base64Url.decodeUtf8(overlong)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Base64Url.decodeUtf8(surrogate)).isInstanceOf(CodecException.class);
  }

  @Test
  void decodeUtf8RoundTripsNonAscii() {
    String text = "caf\u00e9 \u2615 \ud83d\ude00";

    assertThat(Base64Url.decodeUtf8(Base64Url.encode(text))).isEqualTo(text);
  }
}
