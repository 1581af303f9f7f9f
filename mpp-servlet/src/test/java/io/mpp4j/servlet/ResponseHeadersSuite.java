package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.servlet.testing.TestContainer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The {@code Payment-Receipt} a paid response carries however the handler writes it, credentials at
 * the size limits, and unpaid routes left untouched (draft-httpauth-payment-00 "Payment-Receipt
 * Header").
 */
abstract class ResponseHeadersSuite extends EndToEndSuite {
  @Test
  void handlerWhenFlushingEarlyThenReceiptHeadersAreStillSent() throws Exception {
    HttpResponse<String> response =
        send(get("/api/stream").header("Authorization", pay(send(get("/api/stream")), token())));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("first;second");
    assertThat(receipt(response).method()).isEqualTo("fake");
    assertThat(response.headers().firstValue("Cache-Control")).contains("private");
    assertThat(response.headers().firstValue("X-Too-Late")).isEmpty();
  }

  @Test
  void handlerWhenResettingResponseThenReceiptHeadersAreKept() throws Exception {
    HttpResponse<String> response =
        send(get("/api/reset").header("Authorization", pay(send(get("/api/reset")), token())));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("after reset");
    assertThat(response.headers().firstValue("X-Discarded")).isEmpty();
    assertThat(receipt(response).method()).isEqualTo("fake");
    assertThat(response.headers().firstValue("Cache-Control")).contains("private");
  }

  @Test
  void credentialWhenAbout12KiBThenAccepted() throws Exception {
    String credential = pay(send(get("/api/fortune")), "t".repeat(8_600));
    assertThat(credential.length()).isBetween(11 * 1024, 13 * 1024);

    HttpResponse<String> response = send(get("/api/fortune").header("Authorization", credential));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void credentialWhenLargerThanEngineLimitThen402MalformedCredential() throws Exception {
    String credential = pay(send(get("/api/fortune")), "t".repeat(14_000));
    assertThat(credential.length())
        .isBetween(16 * 1024, TestContainer.MAX_REQUEST_HEADER_BYTES - 1024);

    HttpResponse<String> response = send(get("/api/fortune").header("Authorization", credential));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(problemType(response)).isEqualTo("malformed-credential");
  }

  @Test
  void routeWhenNotPaidThenPassesUntouched() throws Exception {
    HttpResponse<String> get = send(get("/free"));
    HttpResponse<String> bigPost = send(post("/free", "x".repeat(TestApp.MAX_BODY * 2)));
    HttpResponse<String> withCredential =
        send(get("/free").header("Authorization", "Payment not*base64url"));

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("free:false");
    assertThat(get.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(get.headers().firstValue("Cache-Control")).isEmpty();
    assertThat(get.headers().allValues("WWW-Authenticate")).isEmpty();
    assertThat(bigPost.statusCode()).isEqualTo(200);
    assertThat(bigPost.body()).isEqualTo(Integer.toString(TestApp.MAX_BODY * 2));
    assertThat(withCredential.statusCode()).isEqualTo(200);
  }
}
