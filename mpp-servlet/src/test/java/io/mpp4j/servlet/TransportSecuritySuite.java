package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Payment only over HTTPS, or behind a trusted proxy that says so (draft-httpauth-payment-00
 * "Transport Security").
 */
abstract class TransportSecuritySuite extends EndToEndSuite {
  @Test
  void plainHttpWhenNotAllowedThenRefusedWithoutChallenge() throws Exception {
    HttpResponse<String> response = send(get("/strict/thing"));
    HttpResponse<String> spoofed =
        send(get("/strict/thing").header("X-Forwarded-Proto", "https, http"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("detail").asText()).isEqualTo("Payment requires HTTPS.");
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    assertThat(spoofed.statusCode()).isEqualTo(400);
  }

  @Test
  void forwardedProtoWhenTrustedHttpsThenPaymentWorks() throws Exception {
    HttpResponse<String> challenge =
        send(get("/strict/thing").header("X-Forwarded-Proto", "https"));
    HttpResponse<String> paid =
        send(
            get("/strict/thing")
                .header("X-Forwarded-Proto", "https")
                .header("Authorization", pay(challenge, token())));
    HttpResponse<String> free = send(get("/strict/free"));

    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(free.statusCode()).isEqualTo(200);
  }
}
