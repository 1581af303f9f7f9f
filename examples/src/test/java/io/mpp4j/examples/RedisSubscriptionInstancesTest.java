package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Subscriptions served by two instances sharing the Redis at 127.0.0.1:6379. */
class RedisSubscriptionInstancesTest extends SubscriptionInstancesTest {
  private final String prefix = Backends.uniquePrefix();

  @BeforeAll
  static void requireRedis() {
    Backends.requireRedis();
  }

  @AfterEach
  void deleteKeys() throws Exception {
    Backends.deleteRedisKeys(prefix);
  }

  @Override
  Store newClient() throws Exception {
    return Backends.awaitAvailable(
        Backends.redisStore(Backends.REDIS_URI, prefix, Duration.ofSeconds(2)));
  }
}
