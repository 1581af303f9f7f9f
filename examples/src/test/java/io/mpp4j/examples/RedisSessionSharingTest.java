package io.mpp4j.examples;

import io.mpp4j.core.store.Store;
import io.mpp4j.tempo.LocalTempoChain;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two session instances sharing the Redis at 127.0.0.1:6379 under a key prefix of their own. */
class RedisSessionSharingTest extends SessionSharedStoreTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

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
  LocalTempoChain chain() {
    return CHAIN;
  }

  @Override
  Store newClient() throws Exception {
    return Backends.awaitAvailable(
        Backends.redisStore(Backends.REDIS_URI, prefix, Duration.ofSeconds(2)));
  }
}
