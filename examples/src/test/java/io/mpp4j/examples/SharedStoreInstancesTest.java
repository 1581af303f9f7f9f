package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.store.Store;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two example servers whose stores are clients of one backing store accept a credential once
 * between them (draft-httpauth-payment-00 §5.1.1), even when it reaches both at the same moment.
 */
abstract class SharedStoreInstancesTest {
  static final int PER_INSTANCE = 8;
  static final int ROUNDS = 3;

  /** A new client of the backing store this test run uses, as each instance has its own. */
  abstract Store newClient() throws Exception;

  /** The live keys the backing store holds for this test run. */
  abstract List<String> storedKeys() throws Exception;

  @Test
  void fortuneWhenSameCredentialSentToBothInstancesAtOnceThenPaidExactlyOnce() throws Exception {
    try (TwoInstances pair = TwoInstances.start(newClient(), newClient())) {
      for (int round = 1; round <= ROUNDS; round++) {
        String credential = Http.pay(Http.get(pair.server(0), Http.FORTUNE, null));
        String spent = Http.challengeId(credential);

        List<Burst.Outcome> outcomes = Burst.send(pair.servers(), PER_INSTANCE, credential);

        List<Burst.Outcome> paid = outcomes.stream().filter(o -> o.status() == 200).toList();
        List<Burst.Outcome> refused = outcomes.stream().filter(o -> o.status() != 200).toList();
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).response().headers().firstValue("Payment-Receipt")).isPresent();
        assertThat(refused)
            .hasSize(2 * PER_INSTANCE - 1)
            .allSatisfy(o -> assertRefusedWithFreshChallenge(o.response(), spent));
        assertThat(pair.settlements()).isEqualTo(round);
        assertThat(storedKeys()).contains("challenge:" + spent);
      }
    }
  }

  @Test
  void ordersWhenRetriedOnTheOtherInstanceWithIdempotencyKeyThenSameOrderPaidOnce()
      throws Exception {
    try (TwoInstances pair = TwoInstances.start(newClient(), newClient())) {
      String body = "{\"item\":\"tea\"}";
      String key = UUID.randomUUID().toString();
      String credential = Http.pay(Http.post(pair.server(0), "/api/orders", body, null, null));

      HttpResponse<String> first = Http.post(pair.server(0), "/api/orders", body, credential, key);
      HttpResponse<String> retry =
          retryWhileInFlight(() -> Http.post(pair.server(1), "/api/orders", body, credential, key));

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(retry.statusCode()).isEqualTo(201);
      assertThat(Http.json(retry).get("order").asLong())
          .isEqualTo(Http.json(first).get("order").asLong());
      assertThat(retry.headers().firstValue("Payment-Receipt"))
          .isEqualTo(first.headers().firstValue("Payment-Receipt"));
      assertThat(pair.settlements(0)).isEqualTo(1);
      assertThat(pair.settlements(1)).isZero();
    }
  }

  /**
   * Sends a retry again while it answers 409 (the draft's "request still being processed"), as a
   * client does: the first instance may still be storing its response when the client already has
   * it.
   */
  private static HttpResponse<String> retryWhileInFlight(Callable<HttpResponse<String>> retry)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> response = retry.call();
    while (response.statusCode() == 409 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      response = retry.call();
    }
    return response;
  }

  static void assertRefusedWithFreshChallenge(HttpResponse<String> response, String spentId) {
    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(Http.problemType(response)).isEqualTo("invalid-challenge");
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(Http.challenges(response))
        .isNotEmpty()
        .extracting(Challenge::id)
        .doesNotContain(spentId);
  }
}
