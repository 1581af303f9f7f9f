package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.store.redis.RedisServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example server on a {@code redis-server} of the test's own, which it kills and restarts, or
 * freezes and thaws.
 */
class RedisOutageTest extends StoreOutageTest {
  private RedisServer redis;

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopRedis() throws Exception {
    redis.close();
  }

  @Test
  void fortuneWhenRedisHangsThen503WithinTimeoutAndAFreshChallengePaysOnceItAnswers()
      throws Exception {
    FakePaymentMethod fake = new FakePaymentMethod();
    Store store = Backends.awaitAvailable(newStore());
    try (ExampleServer server = ExampleServer.start(TwoInstances.config(), List.of(fake), store)) {
      String credential = Http.pay(Http.get(server, Http.FORTUNE, null));

      redis.freeze();
      assertServiceUnavailableWithinBound(server, credential);
      assertThat(fake.settlements()).isZero();
      redis.thaw();
      Backends.awaitAvailable(store);
      HttpResponse<String> stale = Http.get(server, Http.FORTUNE, credential);
      HttpResponse<String> fresh =
          Http.get(server, Http.FORTUNE, Http.pay(Http.get(server, Http.FORTUNE, null)));

      // the frozen server ran the claim it had received once thawed, though the client got 503:
      // that credential stays refused until the claim expires (docs/stores.md), a fresh one pays
      SharedStoreInstancesTest.assertRefusedWithFreshChallenge(stale, Http.challengeId(credential));
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(fake.settlements()).isEqualTo(1);
    }
  }

  @Override
  Store newStore() {
    return Backends.redisStore(redis.uri(), Backends.uniquePrefix(), STORE_TIMEOUT);
  }

  @Override
  void takeDown() throws Exception {
    redis.kill();
  }

  @Override
  void bringBack() throws Exception {
    redis.restart();
  }
}
