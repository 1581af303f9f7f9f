package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} retries: the stored response replayed without a second charge, a changed
 * body refused, a concurrent retry answered 409 (draft-httpauth-payment-00 "Idempotency and Side
 * Effects").
 */
abstract class IdempotencySuite extends EndToEndSuite {
  @Test
  void orderWhenRetriedWithSameKeyAndCredentialThenStoredResponseAndOneSideEffect()
      throws Exception {
    String key = UUID.randomUUID().toString();
    String credential = pay(send(post("/api/orders", "{\"tea\":1}")), token());
    HttpResponse<String> first =
        send(
            post("/api/orders", "{\"tea\":1}")
                .header("Authorization", credential)
                .header("Idempotency-Key", key));
    int ordersAfterFirst = app.orders.get();
    int settledAfterFirst = app.fake.settlements();

    HttpResponse<String> retry =
        send(
            post("/api/orders", "{\"tea\":1}")
                .header("Authorization", credential)
                .header("Idempotency-Key", key));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(retry.headers().firstValue("Payment-Receipt"))
        .isEqualTo(first.headers().firstValue("Payment-Receipt"));
    assertThat(retry.headers().firstValue("Cache-Control")).contains("private");
    assertThat(app.orders.get()).isEqualTo(ordersAfterFirst);
    assertThat(app.fake.settlements()).isEqualTo(settledAfterFirst);
    HttpResponse<String> withoutKey =
        send(post("/api/orders", "{\"tea\":1}").header("Authorization", credential));
    assertThat(withoutKey.statusCode()).isEqualTo(402);
    assertThat(problemType(withoutKey)).isEqualTo("invalid-challenge");
  }

  @Test
  void orderWhenSameKeyWithFreshCredentialThenStoredOrderAndNoSecondCharge() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first =
        send(
            post("/api/orders", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/orders", "{}")), token())));
    int ordersAfterFirst = app.orders.get();
    int settledAfterFirst = app.fake.settlements();

    HttpResponse<String> second =
        send(
            post("/api/orders", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/orders", "{}")), token())));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(app.orders.get()).isEqualTo(ordersAfterFirst);
    assertThat(app.fake.settlements()).isEqualTo(settledAfterFirst);
  }

  @Test
  void orderWhenSameKeyWithAnotherBodyThen422AndNoCharge() throws Exception {
    String key = UUID.randomUUID().toString();
    send(
        post("/api/orders", "{\"tea\":1}")
            .header("Idempotency-Key", key)
            .header("Authorization", pay(send(post("/api/orders", "{\"tea\":1}")), token())));
    int settled = app.fake.settlements();

    HttpResponse<String> other =
        send(
            post("/api/orders", "{\"tea\":2}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/orders", "{\"tea\":2}")), token())));

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(json(other).get("type").asText()).isEqualTo("about:blank");
    assertThat(app.fake.settlements()).isEqualTo(settled);
  }

  @Test
  void orderWhenHandlerFailedAfterChargeThenRetryIsServedWithoutSecondCharge() throws Exception {
    String key = UUID.randomUUID().toString();
    String firstToken = token();
    app.failNextOrder.set(true);
    HttpResponse<String> failed =
        send(
            post("/api/orders", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/orders", "{}")), firstToken)));
    int settled = app.fake.settlements();

    HttpResponse<String> retry =
        send(
            post("/api/orders", "{}")
                .header("Idempotency-Key", key)
                .header("Authorization", pay(send(post("/api/orders", "{}")), token())));

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(receipt(retry).reference()).isEqualTo("fake_" + firstToken);
    assertThat(app.fake.settlements()).isEqualTo(settled);
  }

  @Test
  void orderWhenRetriedWhileFirstStillRunsThen409AndHandlerRunsOnce() throws Exception {
    app.slowEntered = new CountDownLatch(1);
    app.slowRelease = new CountDownLatch(1);
    int runsBefore = app.slowRuns.get();
    String key = UUID.randomUUID().toString();
    String credential = pay(send(post("/api/slow", "go")), token());
    HttpRequest retry =
        post("/api/slow", "go")
            .header("Authorization", credential)
            .header("Idempotency-Key", key)
            .build();

    CompletableFuture<HttpResponse<String>> first =
        client.sendAsync(retry, HttpResponse.BodyHandlers.ofString());
    assertThat(app.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> concurrent = client.send(retry, HttpResponse.BodyHandlers.ofString());
    app.slowRelease.countDown();
    HttpResponse<String> done = first.get(10, TimeUnit.SECONDS);
    HttpResponse<String> after = client.send(retry, HttpResponse.BodyHandlers.ofString());

    assertThat(concurrent.statusCode()).isEqualTo(409);
    assertThat(concurrent.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo(done.body());
    assertThat(app.slowRuns.get()).isEqualTo(runsBefore + 1);
  }

  @Test
  void idempotencyKeyWhenInvalidThen400() throws Exception {
    String credential = pay(send(post("/api/orders", "{}")), token());

    HttpResponse<String> response =
        send(
            post("/api/orders", "{}")
                .header("Authorization", credential)
                .header("Idempotency-Key", "k".repeat(300)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemType(response)).isEqualTo("bad-request");
  }
}
