package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example server over HTTP while its store's backing service is gone: paid requests fail closed
 * with 503 and {@code Retry-After} within the store timeout, nothing settles, and no claim is
 * burned, so the same credential pays once the service is back.
 */
abstract class StoreOutageTest {
  static final Duration STORE_TIMEOUT = Duration.ofMillis(500);
  static final Duration BOUND = STORE_TIMEOUT.plusSeconds(1);
  static final int ATTEMPTS_WHILE_DOWN = 3;

  /** A store with {@link #STORE_TIMEOUT} reaching the service that {@link #takeDown} removes. */
  abstract Store newStore() throws Exception;

  abstract void takeDown() throws Exception;

  abstract void bringBack() throws Exception;

  @Test
  void fortuneWhenStoreDownThen503AndSameCredentialPaysOnceItIsBack() throws Exception {
    FakePaymentMethod fake = new FakePaymentMethod();
    Store store = Backends.awaitAvailable(newStore());
    try (ExampleServer server = ExampleServer.start(TwoInstances.config(), List.of(fake), store)) {
      String credential = Http.pay(Http.get(server, Http.FORTUNE, null));

      takeDown();
      for (int attempt = 0; attempt < ATTEMPTS_WHILE_DOWN; attempt++) {
        assertServiceUnavailableWithinBound(server, credential);
      }
      assertThat(fake.settlements()).isZero();

      bringBack();
      Backends.awaitAvailable(store);
      HttpResponse<String> paid = Http.get(server, Http.FORTUNE, credential);
      HttpResponse<String> replay = Http.get(server, Http.FORTUNE, credential);

      assertThat(paid.statusCode()).isEqualTo(200);
      assertThat(paid.headers().firstValue("Payment-Receipt")).isPresent();
      assertThat(fake.settlements()).isEqualTo(1);
      SharedStoreInstancesTest.assertRefusedWithFreshChallenge(
          replay, Http.challengeId(credential));
    }
  }

  static void assertServiceUnavailableWithinBound(ExampleServer server, String credential)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = Http.get(server, Http.FORTUNE, credential);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isPositive());
    assertThat(Http.problemType(response)).isEqualTo("service-unavailable");
    assertThat(Http.json(response).get("status").asInt()).isEqualTo(503);
    assertThat(response.headers().firstValue("Payment-Receipt")).isEmpty();
    assertThat(elapsed).isLessThan(BOUND);
  }
}
