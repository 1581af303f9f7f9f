package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.servlet.testing.TestContainer;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The payment filter over real HTTP on an embedded container; one subclass per container runs the
 * same suite (draft-httpauth-payment-00 §5–§8, draft-payment-discovery-00).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentFilterEndToEndTest {
  private static final String PROBLEMS = "https://paymentauth.org/problems/";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final TestApp app = new TestApp();
  private TestContainer container;

  protected abstract TestContainer.Factory containerFactory();

  @BeforeAll
  void startContainer() throws Exception {
    container = containerFactory().start(app);
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  // ---- challenges -------------------------------------------------------------------------

  @Test
  void requestWhenRouteAnnotatedAndUnpaidThenChallenge402() throws Exception {
    HttpResponse<String> response = send(get("/api/fortune"));

    assertThat(response.statusCode()).isEqualTo(402);
    List<String> challenges = response.headers().allValues("WWW-Authenticate");
    assertThat(challenges).hasSize(1);
    assertThat(challenges.get(0)).startsWith("Payment ");
    Challenge challenge = PaymentHeaders.parseChallenge(challenges.get(0));
    assertThat(challenge.method()).isEqualTo("fake");
    assertThat(challenge.realm()).isEqualTo("api.test");
    assertThat(challenge.description()).isEqualTo("A fortune");
    assertThat(challenge.requestJson().get("amount").asText()).isEqualTo("1");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + "payment-required");
    assertThat(problem.get("status").asInt()).isEqualTo(402);
    assertThat(problem.get("challengeId").asText()).isEqualTo(challenge.id());
  }

  @Test
  void headWhenGetIsPaidThenChallenged() throws Exception {
    HttpResponse<String> response =
        send(request("/api/fortune").method("HEAD", BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
  }

  @Test
  void requestWhenRouteHasTwoOffersThenTwoChallengesInAcceptPaymentOrder() throws Exception {
    HttpResponse<String> serverOrder = send(get("/api/both"));
    HttpResponse<String> clientOrder =
        send(get("/api/both").header("Accept-Payment", "alt/charge, fake/charge;q=0.5"));

    assertThat(methods(serverOrder)).containsExactly("fake", "alt");
    assertThat(methods(clientOrder)).containsExactly("alt", "fake");
    HttpResponse<String> paid =
        send(get("/api/both").header("Authorization", pay(clientOrder, "alt", token())));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(receipt(paid).method()).isEqualTo("alt");
    assertThat(json(paid).get("method").asText()).isEqualTo("alt");
  }

  // ---- paying -----------------------------------------------------------------------------

  @Test
  void requestWhenCredentialValidThenHandlerSeesPaymentAndReceiptIsSent() throws Exception {
    String token = token();
    HttpResponse<String> response =
        send(get("/api/fortune").header("Authorization", pay(send(get("/api/fortune")), token)));

    assertThat(response.statusCode()).isEqualTo(200);
    Receipt receipt = receipt(response);
    assertThat(receipt.method()).isEqualTo("fake");
    assertThat(receipt.reference()).isEqualTo("fake_" + token);
    assertThat(response.headers().firstValue("Cache-Control")).contains("private");
    assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    JsonNode body = json(response);
    assertThat(body.get("fortune").asText()).isEqualTo("You will be paid.");
    assertThat(body.get("amount").asText()).isEqualTo("1");
    assertThat(body.get("currency").asText()).isEqualTo("usd");
    assertThat(body.get("reference").asText()).isEqualTo("fake_" + token);
    assertThat(body.get("payer").asText()).isEqualTo("did:example:payer");
  }

  @Test
  void credentialWhenUsedTwiceThenInvalidChallenge() throws Exception {
    String credential = pay(send(get("/api/fortune")), token());
    assertThat(send(get("/api/fortune").header("Authorization", credential)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> replay = send(get("/api/fortune").header("Authorization", credential));

    assertThat(replay.statusCode()).isEqualTo(402);
    assertThat(problemType(replay)).isEqualTo("invalid-challenge");
    assertThat(replay.headers().allValues("WWW-Authenticate")).hasSize(1);
  }

  @Test
  void credentialWhenIssuedForCheapRouteThenRefusedOnExpensiveRoute() throws Exception {
    int settled = app.fake.settlements();
    String cheap = pay(send(get("/api/fortune")), token());

    HttpResponse<String> response = send(get("/api/premium").header("Authorization", cheap));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(problemType(response)).isEqualTo("invalid-challenge");
    Challenge fresh =
        PaymentHeaders.parseChallenge(
            response.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertThat(fresh.requestJson().get("amount").asText()).isEqualTo("50");
    assertThat(app.fake.settlements()).isEqualTo(settled);
  }

  @Test
  void searchWhenCredentialForOtherQueryThenRefused() throws Exception {
    HttpResponse<String> challenge = send(get("/api/search?q=red+fox"));
    assertThat(challenge.statusCode()).isEqualTo(402);
    assertThat(amount(challenge)).isEqualTo("2");
    assertThat(amount(send(get("/api/search?q=one+two+three")))).isEqualTo("3");
    String credential = pay(challenge, token());

    HttpResponse<String> other =
        send(get("/api/search?q=big+cat").header("Authorization", credential));
    HttpResponse<String> same =
        send(get("/api/search?q=red+fox").header("Authorization", credential));

    assertThat(other.statusCode()).isEqualTo(402);
    assertThat(problemType(other)).isEqualTo("invalid-challenge");
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(json(same).get("amount").asText()).isEqualTo("2");
  }

  @Test
  void searchWhenPricingFunctionReturnsNothingThenRequestIsFree() throws Exception {
    HttpResponse<String> response = send(get("/api/search"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("paid").asBoolean()).isFalse();
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
  }

  @Test
  void routeTableWhenPatternHasVariableThenEveryItemIsCharged() throws Exception {
    HttpResponse<String> first = send(get("/api/items/42"));
    String credential = pay(first, token());

    HttpResponse<String> otherItem = send(get("/api/items/43").header("Authorization", credential));
    HttpResponse<String> paid = send(get("/api/items/42").header("Authorization", credential));

    assertThat(amount(first)).isEqualTo("3");
    assertThat(otherItem.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).isEqualTo(200);
  }

  // ---- bodies -----------------------------------------------------------------------------

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

  // ---- refusals ---------------------------------------------------------------------------

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

  // ---- headers and streaming --------------------------------------------------------------

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

  // ---- idempotency ------------------------------------------------------------------------

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

  // ---- settlement lifecycle -----------------------------------------------------------------

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

  // ---- routes and bodies ----------------------------------------------------------------------

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
    }
  }

  @Test
  void bodyWhenDeclaredLargerThanLimitThenEveryClient413() throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = send(post("/api/echo", "x".repeat(TestApp.MAX_BODY + 1)));
      assertThat(response.statusCode()).isEqualTo(413);
    }
  }

  // ---- operator view ------------------------------------------------------------------------

  @Test
  void operatorViewWhenNoOrWrongTokenThen401() throws Exception {
    HttpResponse<String> none = send(get("/operator/summary"));
    HttpResponse<String> wrong =
        send(get("/operator/summary").header("Authorization", "Bearer not-the-token-at-all"));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void operatorViewWhenPaidThenTodaysTotalsPaymentsAsCsvAndReconciliation() throws Exception {
    String token = token();
    send(get("/api/premium").header("Authorization", pay(send(get("/api/premium")), token)));
    String bearer = "Bearer " + TestApp.OPERATOR_TOKEN;

    HttpResponse<String> summary = send(get("/operator/summary").header("Authorization", bearer));
    HttpResponse<String> csv =
        send(
            get("/operator/payments?format=csv&route=GET%20/api/premium")
                .header("Authorization", bearer));
    HttpResponse<String> report =
        send(get("/operator/reconciliation").header("Authorization", bearer));
    HttpResponse<String> badRange =
        send(get("/operator/summary?from=yesterday").header("Authorization", bearer));

    assertThat(summary.statusCode()).isEqualTo(200);
    JsonNode premium = null;
    for (JsonNode total : json(summary).get("totals")) {
      if (total.get("route").asText().equals("GET /api/premium")) {
        premium = total;
      }
    }
    assertThat(premium).isNotNull();
    assertThat(premium.get("payments").asLong()).isPositive();
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("challengeId,createdAt").contains("fake_" + token);
    assertThat(json(report).get("balanced").asBoolean()).isFalse();
    assertThat(json(report).at("/differences/0/kind").asText()).isEqualTo("MISSING_IN_LEDGER");
    assertThat(badRange.statusCode()).isEqualTo(400);
  }

  // ---- transport security -----------------------------------------------------------------

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

  @Test
  void filterWhenInstantiatedByContainerThenConfigureSuppliesItsRoutes() throws Exception {
    HttpResponse<String> challenge = send(get("/xml/thing"));
    HttpResponse<String> paid =
        send(get("/xml/thing").header("Authorization", pay(challenge, token())));

    assertThat(amount(challenge)).isEqualTo("7");
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(json(paid).get("amount").asText()).isEqualTo("7");
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

  // ---- discovery --------------------------------------------------------------------------

  @Test
  void discoveryWhenRequestedThenListsPaidOperations() throws Exception {
    HttpResponse<String> response = send(get("/openapi.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("max-age=300");
    JsonNode doc = json(response);
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/info/title").asText()).isEqualTo("Test API");
    assertThat(doc.at("/info/version").asText()).isEqualTo("1.2.3");
    JsonNode paths = doc.get("paths");
    JsonNode fortune = paths.at("/~1api~1fortune/get");
    assertThat(fortune.at("/x-payment-info/offers/0"))
        .isEqualTo(
            Json.parseObject(
                ("{\"intent\":\"charge\",\"method\":\"fake\",\"amount\":\"1\","
                        + "\"currency\":\"usd\",\"description\":\"A fortune\"}")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(fortune.at("/responses/402/description").asText()).isEqualTo("Payment Required");
    assertThat(paths.at("/~1api~1both/get/x-payment-info/offers")).hasSize(2);
    JsonNode search = paths.at("/~1api~1search/get/x-payment-info/offers/0");
    assertThat(search.get("amount").isNull()).isTrue();
    assertThat(search.get("method").asText()).isEqualTo("fake");
    assertThat(paths.at("/~1api~1items~1{id}/get/parameters/0/name").asText()).isEqualTo("id");
    assertThat(paths.at("/~1api~1orders/post/x-payment-info/offers/0/amount").asText())
        .isEqualTo("5");
    assertThat(paths.at("/~1api~1echo").has("post")).isTrue();
    assertThat(paths.at("/~1api~1echo").has("get")).isFalse();
    assertThat(paths.has("/free")).isFalse();
    assertThat(paths.has("/strict/thing")).isFalse();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(container.uri(path)).timeout(Duration.ofSeconds(15));
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return request(path).POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends a request line the JDK client refuses to build; returns the whole response. */
  private String raw(String requestLine) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", container.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              (requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String pay(HttpResponse<String> challenge, String token) {
    return pay(challenge, FakePaymentMethod.ID, token);
  }

  private static String pay(HttpResponse<String> challenge, String method, String token) {
    assertThat(challenge.statusCode()).isEqualTo(402);
    return FakePaymentMethod.payHeaders(
        challenge.headers().allValues("WWW-Authenticate"), method, token);
  }

  private static String token() {
    return "tok-" + UUID.randomUUID();
  }

  private static JsonNode json(HttpResponse<String> response) {
    ObjectNode node = Json.parseObject(response.body().getBytes(StandardCharsets.UTF_8));
    return node;
  }

  private static String problemType(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    String type = json(response).get("type").asText();
    assertThat(type).startsWith(PROBLEMS);
    return type.substring(PROBLEMS.length());
  }

  private static List<String> methods(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).stream()
        .map(Challenge::method)
        .toList();
  }

  private static String amount(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenge(
            response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .requestJson()
        .get("amount")
        .asText();
  }

  private static String challengeId(HttpResponse<String> response) {
    return json(response).get("challengeId").asText();
  }

  private static Receipt receipt(HttpResponse<String> response) {
    return PaymentHeaders.parseReceipt(
        response.headers().firstValue("Payment-Receipt").orElseThrow());
  }
}
