package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.assertProblem;
import static io.mpp4j.core.EngineFixture.cents;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.core.testing.SwitchableStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Payments whose outcome was unknown (draft-httpauth-payment-00 §11: a payer is never charged
 * without being served or able to recover): a retry of the same credential resolves them first, a
 * reconciler resolves those nobody retries, and the ledger holds one entry per payment.
 */
class RecoveryTest {
  private final MutableClock clock = new MutableClock(START);
  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final SwitchableStore store = new SwitchableStore();
  private final MemoryLedger ledger = new MemoryLedger();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final Mpp mpp =
      engine(clock, fake)
          .store(store)
          .ledger(ledger)
          .reconcileEvery(null)
          .listener(events::add)
          .build();
  private final Mpp otherInstance =
      engine(clock, fake).store(store).ledger(ledger).reconcileEvery(null).build();

  private String credential(String token) {
    return FakePaymentMethod.pay(
        ((Decision.PaymentRequired) mpp.decide(get("/fortune"), cents("0.01"))).challenges(),
        "fake",
        token);
  }

  private List<LedgerEntry> entries() {
    return ledger.query(
        LedgerQuery.between(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)))
            .build());
  }

  @Test
  void retryWhenTheUnknownPaymentSettledThenServedOnceAndRecordedOnce() {
    String credential = credential("unknown-1");
    Decision first = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    assertProblem(first, ProblemType.SERVICE_UNAVAILABLE, 503);
    assertThat(entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.PENDING);
              assertThat(e.reference()).isEqualTo("fake_unknown-1");
            });
    fake.settleLater("unknown-1");

    Decision retry =
        otherInstance.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    Decision again = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    assertThat(retry).isInstanceOf(Decision.Paid.class);
    assertThat(((Decision.Paid) retry).receipt().reference()).isEqualTo("fake_unknown-1");
    assertProblem(again, ProblemType.INVALID_CHALLENGE, 402);
    assertThat(entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.route()).isEqualTo("GET /fortune");
              assertThat(e.amount()).isEqualTo(1);
            });
  }

  @Test
  void retryWhenOutcomeStillUnknownThen503AndWhenItFailedThenFreshChallengeAndClaimReleased() {
    String credential = credential("unknown-2");
    mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    Decision stillUnknown = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    fake.failLater("unknown-2");
    Decision failed = mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));

    assertProblem(stillUnknown, ProblemType.SERVICE_UNAVAILABLE, 503);
    assertProblem(failed, ProblemType.VERIFICATION_FAILED, 402);
    assertThat(entries())
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.FAILED));
    assertThat(
            store.get(
                "challenge:"
                    + io.mpp4j.core.codec.PaymentHeaders.parseCredential(credential)
                        .challenge()
                        .id()))
        .as("the challenge claim is released")
        .isEmpty();
  }

  @Test
  void failedWhenResolvedThenItsRecordLeavesTheStoreWithinAnHour() {
    io.mpp4j.core.store.MemoryStore timed = new io.mpp4j.core.store.MemoryStore(1_000, clock);
    Mpp engine = engine(clock, fake).store(timed).ledger(ledger).reconcileEvery(null).build();
    String credential =
        FakePaymentMethod.pay(
            ((Decision.PaymentRequired) engine.decide(get("/fortune"), cents("0.01"))).challenges(),
            "fake",
            "unknown-6");
    String id = io.mpp4j.core.codec.PaymentHeaders.parseCredential(credential).challenge().id();
    engine.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    fake.failLater("unknown-6");
    engine.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    assertThat(timed.get("pending:" + id)).as("kept to answer late retries").isPresent();

    clock.advance(Duration.ofMinutes(61));

    assertThat(timed.get("pending:" + id)).isEmpty();
  }

  @Test
  void retryWithAnotherPayloadForThePendingChallengeThenRefusedAsUsed() {
    String credential = credential("unknown-3");
    mpp.decide(get("/fortune", "Authorization", credential), cents("0.01"));
    fake.settleLater("unknown-3");
    io.mpp4j.core.Credential original =
        io.mpp4j.core.codec.PaymentHeaders.parseCredential(credential);
    String forged =
        io.mpp4j.core.codec.PaymentHeaders.formatCredential(
            new io.mpp4j.core.Credential(
                original.challenge(),
                io.mpp4j.core.codec.Json.object().put("token", "someone-else"),
                original.source()));

    Decision decision = mpp.decide(get("/fortune", "Authorization", forged), cents("0.01"));

    assertProblem(decision, ProblemType.INVALID_CHALLENGE, 402);
  }

  @Test
  void reconcileWhenNobodyRetriesThenResolvedWithEventsAndALaterRetryIsStillServedOnce()
      throws InterruptedException {
    String settles = credential("unknown-4");
    String fails = credential("unknown-5");
    mpp.decide(get("/fortune", "Authorization", settles), cents("0.01"));
    mpp.decide(get("/fortune", "Authorization", fails), cents("0.01"));
    fake.settleLater("unknown-4");
    fake.failLater("unknown-5");

    assertThat(mpp.reconcile()).as("too recent to reconcile").isZero();
    clock.advance(Duration.ofSeconds(11));
    int resolved = mpp.reconcile();

    assertThat(resolved).isEqualTo(2);
    assertThat(entries())
        .extracting(LedgerEntry::status)
        .containsExactlyInAnyOrder(LedgerEntry.Status.SETTLED, LedgerEntry.Status.FAILED);
    Decision late = mpp.decide(get("/fortune", "Authorization", settles), cents("0.01"));
    assertThat(late).isInstanceOf(Decision.Paid.class);
    assertProblem(
        mpp.decide(get("/fortune", "Authorization", settles), cents("0.01")),
        ProblemType.INVALID_CHALLENGE,
        402);
    for (int i = 0;
        i < 200
            && events.stream().filter(PaymentEvent.OutcomeResolved.class::isInstance).count() < 2;
        i++) {
      Thread.sleep(10);
    }
    assertThat(events)
        .filteredOn(PaymentEvent.OutcomeResolved.class::isInstance)
        .extracting(e -> ((PaymentEvent.OutcomeResolved) e).settled())
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void decideWhenPaymentSettlesOrFailsAfterSubmissionThenLedgerHasOneEntryEach() {
    mpp.decide(get("/fortune", "Authorization", credential("paid-1")), cents("0.01"));
    mpp.decide(get("/fortune", "Authorization", credential("reverted-1")), cents("0.01"));
    mpp.decide(get("/fortune", "Authorization", credential("decline")), cents("0.01"));

    assertThat(entries())
        .extracting(LedgerEntry::reference, LedgerEntry::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("fake_paid-1", LedgerEntry.Status.SETTLED),
            org.assertj.core.groups.Tuple.tuple("fake_reverted-1", LedgerEntry.Status.FAILED));
  }
}
