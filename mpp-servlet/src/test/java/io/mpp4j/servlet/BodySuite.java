package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.PaymentHeaders;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request bodies: bound by the challenge digest, buffered up to the limit for the handler, and
 * refused when too large or too slow (RFC 9530, draft-httpauth-payment-00 "Request Body Digest
 * Binding").
 */
abstract class BodySuite extends EndToEndSuite {
  @Test
  void echoWhenBodyChangedAfterChallengeThenRefused() throws Exception {
    HttpResponse<String> challenge = send(post("/api/echo", "hello"));
    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(
            PaymentHeaders.parseChallenge(
                    challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
                .digest())
        .startsWith("sha-256=");
    String credential = pay(challenge, token());

    HttpResponse<String> changed =
        send(post("/api/echo", "hello!").header("Authorization", credential));
    HttpResponse<String> same =
        send(post("/api/echo", "hello").header("Authorization", credential));

    assertThat(changed.statusCode()).isEqualTo(402);
    assertThat(problemType(changed)).isEqualTo("invalid-challenge");
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(same.body()).isEqualTo("hello");
  }

  @Test
  void echoWhenFormBodyPaidThenHandlerReadsParameters() throws Exception {
    String form = "msg=hello+w%C3%B6rld&x=1";
    HttpResponse<String> challenge =
        send(
            post("/api/echo?x=0", form)
                .header("Content-Type", "application/x-www-form-urlencoded"));
    HttpResponse<String> paid =
        send(
            post("/api/echo?x=0", form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", pay(challenge, token())));

    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.body()).isEqualTo("form:hello wörld:0");
  }

  @Test
  void echoWhenMethodIsNotAnnotatedThenFree() throws Exception {
    HttpResponse<String> response = send(get("/api/echo"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("echo is free to look at");
  }

  @Test
  void bodyWhenDeclaredLargerThanLimitThen413() throws Exception {
    HttpResponse<String> response = send(post("/api/echo", "x".repeat(TestApp.MAX_BODY + 1)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(problemType(response)).isEqualTo("payload-too-large");
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
  }

  @Test
  void bodyWhenStreamedPastLimitThen413() throws Exception {
    byte[] big = new byte[TestApp.MAX_BODY + 100];
    HttpResponse<String> response =
        send(
            request("/api/echo")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(problemType(response)).isEqualTo("payload-too-large");
  }

  @Test
  void routeWhenPathVariantReachesAnotherServletThenNotCharged() throws Exception {
    HttpResponse<String> trailing = send(get("/api/search/?q=red+fox"));
    HttpResponse<String> item = send(get("/api/items/42/"));

    assertThat(trailing.statusCode()).isEqualTo(404);
    assertThat(trailing.headers().allValues("WWW-Authenticate")).isEmpty();
    assertThat(trailing.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(item.statusCode())
        .as("the prefix-mapped servlet serves the variant: still charged")
        .isEqualTo(402);
  }

  @Test
  void bodyWhenItArrivesSlowerThanTheDeadlineThen408() throws Exception {
    awaitBodySlotsReleased();
    SlowUpload slow = SlowUpload.start(container.port(), "/deadline/upload", 1_000, 200);

    String response = slow.response(Duration.ofSeconds(10));

    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(response).contains("Request Timeout");
  }

  @Test
  void bodiesWhenMoreSlowUploadsThanTheBoundThen503AndFreeRoutesStayResponsive() throws Exception {
    List<SlowUpload> held = new java.util.ArrayList<>();
    for (int i = 0; i < TestApp.DEADLINE_BODIES; i++) {
      held.add(SlowUpload.start(container.port(), "/deadline/upload", 1_000, 300));
    }
    Thread.sleep(200);
    try {
      SlowUpload extra = SlowUpload.start(container.port(), "/deadline/upload", 1_000, 300);
      HttpResponse<String> free = send(get("/free"));

      assertThat(extra.response(Duration.ofSeconds(5))).startsWith("HTTP/1.1 503");
      assertThat(free.statusCode()).isEqualTo(200);
    } finally {
      for (SlowUpload upload : held) {
        upload.close();
      }
      awaitBodySlotsReleased();
    }
  }

  @Test
  void bodyWhenDeclaredLargerThanLimitThenEveryClient413() throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = send(post("/api/echo", "x".repeat(TestApp.MAX_BODY + 1)));
      assertThat(response.statusCode()).isEqualTo(413);
    }
  }

  /**
   * Waits until the server has noticed the closed uploads and released their buffering slots, so
   * that the next test starts with the bound free.
   */
  private void awaitBodySlotsReleased() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (send(post("/deadline/upload", "x")).statusCode() == 503) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server kept the slots of closed uploads");
      }
      Thread.sleep(50);
    }
  }
}
