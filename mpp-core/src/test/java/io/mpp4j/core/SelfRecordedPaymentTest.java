package io.mpp4j.core;

import static io.mpp4j.core.EngineFixture.START;
import static io.mpp4j.core.EngineFixture.engine;
import static io.mpp4j.core.EngineFixture.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.testing.StubSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Verified#withoutPaymentRecord()}: an intent that accounts for its own payments (a session,
 * paid when its channel settles) keeps its metered and acknowledged results, while the engine
 * records no ledger entry and publishes no {@code PaymentSettled} for the credential; the same
 * results without it are recorded as before.
 */
class SelfRecordedPaymentTest {
  private final MutableClock clock = new MutableClock(START);
  private final MemoryLedger ledger = new MemoryLedger();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final CountingSession session = new CountingSession();
  private final List<Offer> offers = List.of(Offer.session("meter").price("0.01").build());

  /** A session method that meters content requests and acknowledges the others. */
  static final class CountingSession extends StubSession {
    volatile boolean selfRecording = true;
    final AtomicInteger completed = new AtomicInteger();

    CountingSession() {
      super("meter");
    }

    @Override
    public Verified verify(Credential credential, VerificationContext<SessionRequest> context) {
      Receipt receipt = new Receipt("meter", "channel-1", context.now());
      Verified verified =
          context.sameRequest()
              ? Verified.metered(
                  receipt,
                  new Metering() {
                    @Override
                    public Receipt complete(Usage usage) {
                      completed.incrementAndGet();
                      return receipt;
                    }

                    @Override
                    public void abort(Throwable cause) {}
                  })
              : Verified.acknowledged(receipt);
      return selfRecording ? verified.withoutPaymentRecord() : verified;
    }
  }

  private final Mpp mpp = engine(clock, session).ledger(ledger).listener(events::add).build();

  private Challenge challenge() {
    Decision decision = mpp.decide(exchange("GET", "/llm", null, new byte[0]), offers);
    return ((Decision.PaymentRequired) decision).challenges().get(0);
  }

  private Decision send(Challenge challenge, String httpMethod) {
    String credential =
        PaymentHeaders.formatCredential(
            new Credential(challenge, Json.object().put("voucher", 1), null));
    return mpp.decide(
        exchange(httpMethod, "/llm", null, new byte[0], "Authorization", credential), offers);
  }

  private List<LedgerEntry> entries() {
    return ledger.query(LedgerQuery.between(Instant.EPOCH, START.plusSeconds(3600)).build());
  }

  /** Waits until the listener saw every event published before this call (they arrive in order). */
  private void drainEvents() throws InterruptedException {
    Challenge marker = challenge();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (events.stream()
        .noneMatch(
            e ->
                e instanceof PaymentEvent.ChallengeIssued issued
                    && issued.challengeId().equals(marker.id()))) {
      assertThat(System.nanoTime()).as("events delivered in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void withoutPaymentRecordWhenMeteredAndAcknowledgedThenServedButNothingRecorded()
      throws Exception {
    Challenge challenge = challenge();

    Decision content = send(challenge, "GET");
    Decision management = send(challenge, "POST");
    Decision again = send(challenge, "GET");

    assertThat(content).isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) content).settlement().complete();
    assertThat(session.completed).hasValue(1);
    assertThat(management).isInstanceOf(Decision.Acknowledged.class);
    assertThat(again).isInstanceOf(Decision.Paid.class);
    drainEvents();
    assertThat(entries()).isEmpty();
    assertThat(events).noneMatch(PaymentEvent.PaymentSettled.class::isInstance);
  }

  @Test
  void meteredWhenEngineRecordsThenOneEntryPerChallengeAtTheUnitPrice() throws Exception {
    session.selfRecording = false;
    Challenge challenge = challenge();

    send(challenge, "GET");
    send(challenge, "GET");
    drainEvents();

    assertThat(entries())
        .singleElement()
        .satisfies(e -> assertThat(e.challengeId()).isEqualTo(challenge.id()))
        .satisfies(e -> assertThat(e.amount()).isEqualTo(java.math.BigInteger.ONE));
    assertThat(events).filteredOn(PaymentEvent.PaymentSettled.class::isInstance).hasSize(2);
  }

  @Test
  void withoutPaymentRecordWhenCopiedThenSameReceiptServeAndMetering() {
    Receipt receipt = new Receipt("meter", "ref", START);
    Metering metering =
        new Metering() {
          @Override
          public Receipt complete(Usage usage) {
            return receipt;
          }

          @Override
          public void abort(Throwable cause) {}
        };

    Verified metered = Verified.metered(receipt, metering).withoutPaymentRecord();
    Verified acknowledged = Verified.acknowledged(receipt).withoutPaymentRecord();
    Verified granted = Verified.granted(receipt);

    assertThat(metered.recordsPayment()).isFalse();
    assertThat(metered.serve()).isTrue();
    assertThat(metered.metering()).containsSame(metering);
    assertThat(metered.receipt()).isSameAs(receipt);
    assertThat(acknowledged.recordsPayment()).isFalse();
    assertThat(acknowledged.serve()).isFalse();
    assertThat(acknowledged.metering()).isEmpty();
    assertThat(granted.withoutPaymentRecord()).isSameAs(granted);
    assertThat(Verified.settled(receipt).recordsPayment()).isTrue();
  }
}
