package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Refused credentials and failures answered as problems (draft-httpauth-payment-00 "Error
 * Handling"): 400, 402 with a fresh challenge, 403, 503 with {@code Retry-After}, and a 500 that
 * tells nothing.
 */
abstract class RefusalSuite extends EndToEndSuite {
  @Test
  void requestWhenSeveralCredentialsThen400() throws Exception {
    HttpResponse<String> challenge = send(get("/api/fortune"));
    HttpResponse<String> response =
        send(
            get("/api/fortune")
                .header("Authorization", pay(challenge, token()))
                .header("Authorization", pay(challenge, token())));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemType(response)).isEqualTo("bad-request");
  }

  @Test
  void credentialWhenMalformedThen402MalformedCredential() throws Exception {
    HttpResponse<String> response =
        send(get("/api/fortune").header("Authorization", "Payment not*base64url"));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(problemType(response)).isEqualTo("malformed-credential");
    assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
    assertThat(response.body()).doesNotContain("not*base64url");
  }

  @Test
  void credentialWhenForMethodNotOfferedThen400MethodUnsupported() throws Exception {
    String altCredential = pay(send(get("/api/both")), "alt", token());

    HttpResponse<String> response =
        send(get("/api/fortune").header("Authorization", altCredential));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemType(response)).isEqualTo("method-unsupported");
    assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
  }

  @Test
  void paymentWhenDeclinedThen402VerificationFailedWithFreshChallenge() throws Exception {
    HttpResponse<String> challenge = send(get("/api/fortune"));
    HttpResponse<String> response =
        send(get("/api/fortune").header("Authorization", pay(challenge, "decline")));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(problemType(response)).isEqualTo("verification-failed");
    assertThat(challengeId(response)).isNotEqualTo(challengeId(challenge));
  }

  @Test
  void paymentWhenPolicyDeniesThen403() throws Exception {
    HttpResponse<String> response =
        send(
            get("/api/fortune")
                .header("Authorization", pay(send(get("/api/fortune")), "deny-" + token())));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(problemType(response)).isEqualTo("policy-denied");
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
  }

  @Test
  void paymentWhenStoreDownThen503WithRetryAfterAndCredentialStillUsable() throws Exception {
    String credential = pay(send(get("/api/fortune")), token());
    HttpResponse<String> down;
    app.store.down(true);
    try {
      down = send(get("/api/fortune").header("Authorization", credential));
    } finally {
      app.store.down(false);
    }

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).contains("5");
    assertThat(problemType(down)).isEqualTo("service-unavailable");
    assertThat(send(get("/api/fortune").header("Authorization", credential)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void filterWhenItsOwnCodeFailsThen500ProblemWithoutDetails() throws Exception {
    HttpResponse<String> response = send(get("/api/broken"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("internal pricing detail").doesNotContain("at io.");
  }

  @Test
  void searchWhenQueryEncodingMalformedThenRefusedOrFreeButNever500() throws Exception {
    String response = raw("GET /api/search?q=%zz HTTP/1.1");

    // Jetty refuses the malformed parameter (400 problem); Tomcat drops it, so no query is free
    assertThat(response)
        .satisfiesAnyOf(
            r -> assertThat(r).startsWith("HTTP/1.1 400").contains("application/problem+json"),
            r -> assertThat(r).startsWith("HTTP/1.1 200").endsWith("{\"paid\":false}"));
  }
}
