package io.mpp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.Base64Url;
import org.junit.jupiter.api.Test;

/** Reading the nonce back from an echoed {@code opaque}, with and without the JSON parser. */
class ChallengeNonceTest {
  private static final String NONCE = "AbCdEfGhIjKlMnOpQrSt-_";

  private static String opaque(String json) {
    return Base64Url.encode(json);
  }

  @Test
  void nonceOfWhenPlainOpaqueThenTheNonce() {
    assertThat(
            ChallengeIssuer.nonceOf(
                opaque("{\"nonce\":\"" + NONCE + "\",\"scope\":\"GET /api/fortune\"}")))
        .isEqualTo(NONCE);
  }

  @Test
  void nonceOfWhenCanonicalOpaqueWithMetaSortedFirstThenTheNonceFromJson() {
    assertThat(
            ChallengeIssuer.nonceOf(
                opaque("{\"account\":\"a-1\",\"nonce\":\"" + NONCE + "\",\"scope\":\"GET /\"}")))
        .isEqualTo(NONCE);
  }

  @Test
  void nonceOfWhenNonceIsNotThe22CharacterFormThenTheJsonReadingDecides() {
    assertThat(ChallengeIssuer.nonceOf(opaque("{\"nonce\":\"short\",\"scope\":\"GET /\"}")))
        .isEqualTo("short");
    assertThat(
            ChallengeIssuer.nonceOf(opaque("{\"nonce\":\"" + NONCE + "x\",\"scope\":\"GET /\"}")))
        .as("23 characters: not the fast form")
        .isEqualTo(NONCE + "x");
    assertThat(
            ChallengeIssuer.nonceOf(
                opaque("{\"nonce\":\"" + NONCE.substring(1) + "\\\"\",\"scope\":\"GET /\"}")))
        .as("an escaped quote inside is read as JSON")
        .isEqualTo(NONCE.substring(1) + "\"");
  }

  @Test
  void nonceOfWhenAbsentOrMalformedThenNull() {
    assertThat(ChallengeIssuer.nonceOf(null)).isNull();
    assertThat(ChallengeIssuer.nonceOf(opaque("{\"scope\":\"GET /\"}"))).isNull();
    assertThat(ChallengeIssuer.nonceOf(opaque("{\"nonce\":7}"))).isNull();
    assertThat(ChallengeIssuer.nonceOf(opaque("{\"nonce\":\"" + NONCE))).isNull();
    assertThat(ChallengeIssuer.nonceOf("%%%")).isNull();
  }
}
