package io.mpp4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 9530 {@code Content-Digest} values bound by a challenge's {@code digest} parameter. */
class ContentDigestTest {
  // RFC 9530 §2 examples: the body {"hello": "world"}
  private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
  private static final String SHA512 =
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

  @Test
  void sha256WhenRfc9530ExampleBodyThenRfc9530Value() {
    assertThat(ContentDigest.sha256(BODY)).isEqualTo(SHA256);
  }

  @Test
  void sha512WhenRfc9530ExampleBodyThenRfc9530Value() {
    assertThat(ContentDigest.sha512(BODY)).isEqualTo(SHA512);
  }

  @Test
  void matchesWhenDigestOfSameBodyThenTrue() {
    assertThat(ContentDigest.matches(SHA256, BODY)).isTrue();
    assertThat(ContentDigest.matches(SHA512, BODY)).isTrue();
  }

  @Test
  void matchesWhenBodyDiffersThenFalse() {
    byte[] other = "{\"hello\": \"world!\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(ContentDigest.matches(SHA256, other)).isFalse();
    assertThat(ContentDigest.matches(SHA512, other)).isFalse();
  }

  @Test
  void matchesWhenColonlessFormThenAccepted() {
    assertThat(ContentDigest.matches("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", BODY))
        .isTrue();
  }

  @Test
  void matchesWhenAlgorithmUppercaseThenAccepted() {
    assertThat(ContentDigest.matches(SHA256.replace("sha-256", "SHA-256"), BODY)).isTrue();
  }

  @Test
  void matchesWhenSeveralMembersThenEverySupportedOneMustMatch() {
    assertThat(ContentDigest.matches(SHA256 + ", " + SHA512, BODY)).isTrue();
    assertThat(ContentDigest.matches("md5=:AAAA:, " + SHA256, BODY)).isTrue();
    assertThat(ContentDigest.matches(SHA256 + ", " + ContentDigest.sha512(new byte[1]), BODY))
        .isFalse();
  }

  @Test
  void matchesWhenNoSupportedAlgorithmThenCodecException() {
    assertThatThrownBy(() -> ContentDigest.matches("md5=:AAAA:", BODY))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void matchesWhenValueNotBase64ThenCodecException() {
    assertThatThrownBy(() -> ContentDigest.matches("sha-256=:not base64!:", BODY))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> ContentDigest.matches("sha-256", BODY))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void sha256WhenEmptyBodyThenDigestOfEmptyInput() {
    assertThat(ContentDigest.sha256(new byte[0]))
        .isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
  }
}
