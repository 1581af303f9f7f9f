package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.exchange;
import static io.mpp4j.core.EngineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} in the engine (draft-ietf-httpapi-idempotency-key-header §2): a retry of
 * the same request is answered from the store and its new credential is not charged, whatever
 * instance answers it (the key lives in the engine's store).
 */
class EngineIdempotencyTest {
  private final MutableClock clock = new MutableClock(START);
  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final SwitchableStore store = new SwitchableStore();
  private final Mpp first = engine(clock, fake).store(store).build();
  private final Mpp second = engine(clock, fake).store(store).build();
  private final List<Offer> offers = cents("0.05");

  private PaymentExchange post(Mpp mpp, String body, String key, String token) {
    Decision.PaymentRequired challenge =
        (Decision.PaymentRequired)
            mpp.decide(exchange("POST", "/orders", null, utf8(body)), offers);
    String credential = FakePaymentMethod.pay(challenge.challenges(), "fake", token);
    return exchange(
        "POST", "/orders", null, utf8(body), "Authorization", credential, "Idempotency-Key", key);
  }

  private static StoredResponse order(int number) {
    return new StoredResponse(
        201, Map.of("Location", "/orders/" + number), utf8("{\"order\":" + number + "}"));
  }

  @Test
  void decideWhenRetriedWithFreshCredentialOnAnotherInstanceThenStoredResponseAndNoCharge() {
    Decision.Paid paid =
        (Decision.Paid) first.decide(post(first, "{\"tea\":1}", "k1", "a"), offers);
    paid.settlement().complete(Served.status(201).replayable(order(7)));

    Decision retry = second.decide(post(second, "{\"tea\":1}", "k1", "b"), offers);

    assertThat(retry).isInstanceOf(Decision.Replayed.class);
    StoredResponse replayed = ((Decision.Replayed) retry).response();
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.headers()).containsEntry("Location", "/orders/7");
    assertThat(new String(replayed.body())).isEqualTo("{\"order\":7}");
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenKeyReusedForAnotherBodyThen422AndNoCharge() {
    Decision.Paid paid =
        (Decision.Paid) first.decide(post(first, "{\"tea\":1}", "k2", "a"), offers);
    paid.settlement().complete(Served.status(201).replayable(order(1)));

    Decision other = first.decide(post(first, "{\"tea\":2}", "k2", "b"), offers);

    assertProblem(other, ProblemType.UNPROCESSABLE, 422);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenRetriedWhileFirstRunsThen409AndNoCharge() {
    first.decide(post(first, "{}", "k3", "a"), offers);

    Decision concurrent = second.decide(post(second, "{}", "k3", "b"), offers);

    assertProblem(concurrent, ProblemType.CONFLICT, 409);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenHandlerFailedAfterChargeThenRetryIsServedUnderTheFirstPayment() {
    Decision.Paid paid = (Decision.Paid) first.decide(post(first, "{}", "k4", "a"), offers);
    paid.settlement().abort(new IllegalStateException("order service down"));

    Decision retry = second.decide(post(second, "{}", "k4", "b"), offers);

    assertThat(retry).isInstanceOf(Decision.Paid.class);
    Payment resumed = ((Decision.Paid) retry).payment();
    assertThat(resumed.reference()).isEqualTo("fake_a");
    assertThat(resumed.challengeId()).isEqualTo(paid.payment().challengeId());
    assertThat(fake.settlements()).isEqualTo(1);
    ((Decision.Paid) retry).settlement().complete(Served.status(201).replayable(order(2)));
    assertThat(first.decide(post(first, "{}", "k4", "c"), offers))
        .isInstanceOf(Decision.Replayed.class);
  }

  @Test
  void decideWhenResponseTooLargeToKeepThenRetryGets409AndIsNotCharged() {
    Mpp small = engine(clock, fake).store(store).maxStoredResponseBytes(16).build();
    Decision.Paid paid = (Decision.Paid) small.decide(post(small, "{}", "k5", "a"), offers);
    paid.settlement().complete(Served.status(201).replayable(order(123456789)));

    Decision retry = small.decide(post(small, "{}", "k5", "b"), offers);

    assertProblem(retry, ProblemType.CONFLICT, 409);
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void decideWhenPaymentRefusedThenKeyIsReleasedForTheRetry() {
    Decision declined = first.decide(post(first, "{}", "k6", "decline"), offers);
    Decision retry = first.decide(post(first, "{}", "k6", "good"), offers);

    assertProblem(declined, ProblemType.VERIFICATION_FAILED, 402);
    assertThat(retry).isInstanceOf(Decision.Paid.class);
  }

  @Test
  void decideWhenStoreDownThenServiceUnavailableAndNothingCharged() {
    PaymentExchange request = post(first, "{}", "k7", "a");
    store.down(true);

    Decision decision = first.decide(request, offers);

    assertProblem(decision, ProblemType.SERVICE_UNAVAILABLE, 503);
    assertThat(((Decision.Rejected) decision).retryAfterSeconds()).isPositive();
    assertThat(fake.settlements()).isZero();
    store.down(false);
    assertThat(first.decide(request, offers)).isInstanceOf(Decision.Paid.class);
  }

  @Test
  void decideWhenKeyUnusableThen400() {
    Decision decision = first.decide(post(first, "{}", "k".repeat(256), "a"), offers);

    assertProblem(decision, ProblemType.BAD_REQUEST, 400);
    assertThat(fake.settlements()).isZero();
  }
}
