package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredResponseTest {

  @Test
  void decodeWhenEncodedThenSameResponse() {
    StoredResponse response =
        new StoredResponse(
            201,
            Map.of("Content-Type", "application/json", "Payment-Receipt", "eyJ9"),
            "{\"order\":1}".getBytes(StandardCharsets.UTF_8));

    StoredResponse decoded = StoredResponse.decode(response.encode());

    assertThat(decoded.status()).isEqualTo(201);
    assertThat(decoded.headers()).isEqualTo(response.headers());
    assertThat(decoded.body()).isEqualTo(response.body());
  }

  @Test
  void decodeWhenTruncatedOrForeignThenRefused() {
    byte[] encoded = new StoredResponse(200, Map.of(), new byte[10]).encode();
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);

    assertThatThrownBy(() -> StoredResponse.decode(truncated))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StoredResponse.decode(new byte[] {'P'}))
        .isInstanceOf(IllegalStateException.class);
  }
}
