package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Payment events: what the engine reports, and that listeners can never hold a payment up. */
class PaymentEventsTest {
  private final MutableClock clock = new MutableClock(START);
  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();

  private String pay(Mpp mpp, String token) {
    return FakePaymentMethod.pay(
        ((Decision.PaymentRequired) mpp.decide(get("/fortune"), cents("0.01"))).challenges(),
        "fake",
        token);
  }

  private <T extends PaymentEvent> T await(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (PaymentEvent event : events) {
        if (type.isInstance(event)) {
          return type.cast(event);
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + events);
  }

  @Test
  void decideWhenPaidThenChallengeIssuedAndSettledEventsWithoutTheCredential()
      throws InterruptedException {
    Mpp mpp = engine(clock, fake).listener(events::add).build();

    String credential = pay(mpp, "secret-token-42");
    Decision.Paid paid =
        (Decision.Paid) mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    PaymentEvent.ChallengeIssued issued = await(PaymentEvent.ChallengeIssued.class);
    PaymentEvent.PaymentSettled settled = await(PaymentEvent.PaymentSettled.class);
    assertThat(issued.scope()).isEqualTo("GET /fortune");
    assertThat(issued.amount()).isEqualTo(1);
    assertThat(settled.challengeId()).isEqualTo(paid.payment().challengeId());
    assertThat(settled.reference()).isEqualTo("fake_secret-token-42");
    assertThat(settled.currency()).isEqualTo("usd");
    assertThat(settled.payer()).isEqualTo("did:example:payer");
    assertThat(events.toString()).doesNotContain(credential.substring(8, 40));
  }

  @Test
  void decideWhenRefusedOrUnknownOrStoreDownThenEventsSayWhich() throws InterruptedException {
    SwitchableStore store = new SwitchableStore();
    Mpp mpp = engine(clock, fake).store(store).listener(events::add).build();

    mpp.decide(get("/fortune", "Authorization", pay(mpp, "decline")), cents("0.01"));
    mpp.decide(get("/fortune", "Authorization", pay(mpp, "unknown")), cents("0.01"));
    String later = pay(mpp, "t1");
    store.down(true);
    mpp.decide(get("/fortune", "Authorization", later), cents("0.01"));

    assertThat(await(PaymentEvent.PaymentRefused.class).type())
        .isEqualTo(ProblemType.VERIFICATION_FAILED);
    assertThat(await(PaymentEvent.OutcomeUnknown.class).detail()).isEqualTo("no answer in time");
    assertThat(await(PaymentEvent.ServiceFailed.class).component())
        .isEqualTo(PaymentEvent.Component.STORE);
  }

  @Test
  void decideWhenTheMethodIsDownOrCrashesThenServiceFailedNamesTheMethod()
      throws InterruptedException {
    Mpp mpp = engine(clock, fake).listener(events::add).build();

    mpp.decide(get("/fortune", "Authorization", pay(mpp, "down")), cents("0.01"));
    PaymentEvent.ServiceFailed down = await(PaymentEvent.ServiceFailed.class);
    events.clear();
    mpp.decide(get("/fortune", "Authorization", pay(mpp, "crash")), cents("0.01"));
    PaymentEvent.ServiceFailed crash = await(PaymentEvent.ServiceFailed.class);

    assertThat(List.of(down, crash))
        .allSatisfy(
            failed -> {
              assertThat(failed.component()).isEqualTo(PaymentEvent.Component.METHOD);
              assertThat(failed.method()).isEqualTo("fake");
            });
  }

  @Test
  void settlementWhenHandlerFailsThenHandlerFailedEvent() throws InterruptedException {
    Mpp mpp = engine(clock, fake).listener(events::add).build();
    Decision.Paid paid =
        (Decision.Paid) mpp.decide(get("/fortune", "Authorization", pay(mpp, "t1")), cents("0.01"));

    paid.settlement().complete(Served.status(503));

    PaymentEvent.HandlerFailed failed = await(PaymentEvent.HandlerFailed.class);
    assertThat(failed.reference()).isEqualTo("fake_t1");
    assertThat(failed.failure()).isEqualTo("HTTP 503");
  }

  @Test
  void decideWhenListenerThrowsThenPaymentsStillSettle() {
    Mpp mpp =
        engine(clock, fake)
            .listener(
                event -> {
                  throw new IllegalStateException("listener bug");
                })
            .build();

    for (int i = 0; i < 3; i++) {
      assertThat(mpp.decide(get("/fortune", "Authorization", pay(mpp, "t" + i)), cents("0.01")))
          .isInstanceOf(Decision.Paid.class);
    }
  }

  @Test
  void decideWhenListenerBlocksThenPaymentsAreNotSlowedAndExcessEventsAreDropped()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Mpp mpp =
        engine(clock, fake)
            .listener(
                event -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .build();

    long started = System.nanoTime();
    int decisions = Mpp.EVENT_QUEUE_CAPACITY + 500;
    for (int i = 0; i < decisions; i++) {
      mpp.decide(get("/fortune"), cents("0.01"));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    release.countDown();

    assertThat(elapsed).isLessThan(Duration.ofSeconds(20));
    assertThat(mpp.droppedEvents()).isGreaterThanOrEqualTo(400);
  }
}
