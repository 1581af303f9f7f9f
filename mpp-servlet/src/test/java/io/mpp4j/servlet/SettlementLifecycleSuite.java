package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.event.PaymentEvent;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What happens after the charge: async handlers, handler failures reported with the payment
 * reference, and credentials sent in a route's own header.
 */
abstract class SettlementLifecycleSuite extends EndToEndSuite {
  @Test
  void asyncHandlerWhenItCompletesThenReceiptSentAndIdempotentRetryReplayed() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first =
        send(
            post("/api/async", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/async", "{}")), token())));
    int settled = app.fake.settlements();
    HttpResponse<String> retry =
        send(
            post("/api/async", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/async", "{}")), token())));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).get("async").asBoolean()).isTrue();
    assertThat(receipt(first).method()).isEqualTo("fake");
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(app.fake.settlements()).isEqualTo(settled);
  }

  @Test
  void asyncHandlerWhenItTimesOutThenFailureReported() throws Exception {
    String token = token();
    HttpResponse<String> response =
        send(
            post("/api/async?hang", "{}")
                .header("Authorization", pay(send(post("/api/async?hang", "{}")), token)));

    assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(handlerFailure("fake_" + token)).isPresent();
  }

  @Test
  void handlerWhenItThrowsAfterChargeThenFailureReportedWithReference() throws Exception {
    String token = token();
    app.failNextOrder.set(true);
    HttpResponse<String> response =
        send(
            post("/api/orders", "{}")
                .header("Authorization", pay(send(post("/api/orders", "{}")), token)));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(handlerFailure("fake_" + token))
        .hasValueSatisfying(e -> assertThat(e.failure()).contains("IllegalStateException"));
  }

  private java.util.Optional<PaymentEvent.HandlerFailed> handlerFailure(String reference)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      for (PaymentEvent event : app.events) {
        if (event instanceof PaymentEvent.HandlerFailed failed
            && failed.reference().equals(reference)) {
          return java.util.Optional.of(failed);
        }
      }
      Thread.sleep(10);
    }
    return java.util.Optional.empty();
  }

  @Test
  void credentialWhenRouteAsksForPaymentAuthorizationThenAuthorizationStaysTheApplications()
      throws Exception {
    HttpResponse<String> challenge = send(get("/api/keyed").header("Authorization", "Bearer k1"));
    String credential = pay(challenge, token());

    HttpResponse<String> paid =
        send(
            get("/api/keyed")
                .header("Authorization", "Bearer k1")
                .header("Payment-Authorization", credential));
    HttpResponse<String> wrongHeader =
        send(get("/api/keyed").header("Authorization", pay(send(get("/api/keyed")), token())));

    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("header=\"Payment-Authorization\"");
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("apiKey").asText()).isEqualTo("Bearer k1");
    assertThat(wrongHeader.statusCode()).isEqualTo(402);
    assertThat(problemType(wrongHeader)).isEqualTo("invalid-challenge");
  }
}
