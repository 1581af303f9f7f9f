package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.store.MemoryStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Why several instances need a shared store: with a {@link MemoryStore} each, every instance
 * remembers only its own claims, so one credential is accepted once per instance.
 */
class MemoryInstancesTest {

  @Test
  void fortuneWhenSameCredentialSentToBothInstancesAtOnceThenEachInstanceAcceptsIt()
      throws Exception {
    try (TwoInstances pair = TwoInstances.start(new MemoryStore(), new MemoryStore())) {
      String credential = Http.pay(Http.get(pair.server(0), Http.FORTUNE, null));
      String spent = Http.challengeId(credential);

      List<Burst.Outcome> outcomes =
          Burst.send(pair.servers(), SharedStoreInstancesTest.PER_INSTANCE, credential);

      List<Burst.Outcome> paid = outcomes.stream().filter(o -> o.status() == 200).toList();
      assertThat(paid).extracting(Burst.Outcome::server).containsExactlyInAnyOrder(0, 1);
      assertThat(outcomes.stream().filter(o -> o.status() != 200))
          .hasSize(2 * SharedStoreInstancesTest.PER_INSTANCE - 2)
          .allSatisfy(
              o -> SharedStoreInstancesTest.assertRefusedWithFreshChallenge(o.response(), spent));
      assertThat(pair.settlements(0)).isEqualTo(1);
      assertThat(pair.settlements(1)).isEqualTo(1);
      assertThat(pair.settlements()).isEqualTo(2);
    }
  }

  @Test
  void ordersWhenRetriedOnTheOtherInstanceWithIdempotencyKeyThenPaidAndPlacedAgain()
      throws Exception {
    try (TwoInstances pair = TwoInstances.start(new MemoryStore(), new MemoryStore())) {
      String body = "{\"item\":\"tea\"}";
      String key = UUID.randomUUID().toString();
      String credential = Http.pay(Http.post(pair.server(0), "/api/orders", body, null, null));

      HttpResponse<String> first = Http.post(pair.server(0), "/api/orders", body, credential, key);
      HttpResponse<String> retry = Http.post(pair.server(1), "/api/orders", body, credential, key);

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(retry.statusCode()).isEqualTo(201);
      assertThat(pair.settlements(0)).isEqualTo(1);
      assertThat(pair.settlements(1)).isEqualTo(1);
    }
  }
}
