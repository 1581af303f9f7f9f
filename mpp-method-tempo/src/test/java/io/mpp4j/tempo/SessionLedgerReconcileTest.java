package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.ReconciliationReport;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a session leaves in the ledger and the payment events, on a local chain with the project's
 * escrow: one settled entry per settle or close transaction, for what it paid the payee, whose sum
 * is the payee's balance change and reconciles with the chain; no entry per voucher credential.
 */
class SessionLedgerReconcileTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final Instant FROM = Instant.EPOCH;
  private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
  private static final List<PaymentEvent> EVENTS = new CopyOnWriteArrayList<>();
  private static SessionHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness =
        new SessionHarness(
            CHAIN,
            LocalEscrow.install(CHAIN),
            new MemoryStore(),
            "0.001",
            TempoSessionSettings.builder()
                .settleAbove("0.003")
                .closeWatch(Duration.ofMillis(200), 10)
                .channelStateTtl(Duration.ofSeconds(1)),
            false,
            null,
            List.of(EVENTS::add));
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not within 20 s");
      }
      Thread.sleep(50);
    }
  }

  private static void served(Challenge challenge, ObjectNode payload) {
    Decision decision = harness.send("GET", challenge, payload);
    assertThat(decision)
        .as(() -> SessionHarness.describe(decision))
        .isInstanceOf(Decision.Paid.class);
    ((Decision.Paid) decision).settlement().complete();
  }

  private static List<LedgerEntry> tempoEntries() {
    return harness
        .mpp
        .ledger()
        .query(LedgerQuery.between(FROM, TO).method(TempoMethod.ID).limit(1_000).build());
  }

  private static List<PaymentEvent.PaymentSettled> settledEvents() {
    return EVENTS.stream()
        .filter(PaymentEvent.PaymentSettled.class::isInstance)
        .map(PaymentEvent.PaymentSettled.class::cast)
        .toList();
  }

  @Test
  void sessionWhenSettledByPolicyAndClosedThenLedgerHoldsEachPayoutAndReconciles()
      throws Exception {
    String payee = CHAIN.merchant().address();
    BigInteger payeeBefore = CHAIN.balance(LocalTempoChain.PATH_USD, payee);
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 50_000);
    Challenge challenge = harness.challenge();

    served(challenge, harness.open(channel, 1_000));
    served(challenge, harness.voucher(channel, 2_000));
    served(challenge, harness.voucher(channel, 3_000));
    eventually(
        "settlement by policy",
        () -> harness.onChain(channel.id()).settled().equals(BigInteger.valueOf(3_000)));
    eventually("the settlement's ledger entry", () -> tempoEntries().size() == 1);
    served(challenge, harness.voucher(channel, 4_000));
    served(challenge, harness.voucher(channel, 5_000));
    Decision closed = harness.send("POST", challenge, harness.close(channel, 5_000));
    assertThat(closed)
        .as(() -> SessionHarness.describe(closed))
        .isInstanceOf(Decision.Acknowledged.class);
    String closeTx = (String) ((Decision.Acknowledged) closed).receipt().extra().get("txHash");
    eventually("both payouts published", () -> settledEvents().size() >= 2);

    BigInteger received = CHAIN.balance(LocalTempoChain.PATH_USD, payee).subtract(payeeBefore);
    List<LedgerEntry> entries = tempoEntries();
    assertThat(received).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(entries)
        .extracting(LedgerEntry::amount)
        .containsExactlyInAnyOrder(BigInteger.valueOf(3_000), BigInteger.valueOf(2_000));
    assertThat(entries.stream().map(LedgerEntry::amount).reduce(BigInteger.ZERO, BigInteger::add))
        .isEqualTo(received);
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.intent()).isEqualTo("session");
              assertThat(e.challengeId())
                  .isEqualTo(SessionJournal.entryId(channel.id(), e.reference()))
                  .isNotEqualTo(challenge.id());
              assertThat(e.route()).isEqualTo("channel:" + channel.id().toLowerCase());
              assertThat(e.payer()).isEqualToIgnoringCase(channel.payer().did());
              assertThat(e.currency()).isEqualToIgnoringCase(LocalTempoChain.PATH_USD);
            });
    assertThat(entries).extracting(LedgerEntry::reference).contains(closeTx);

    ReconciliationReport report = harness.method.reconcile(harness.mpp.ledger(), FROM, TO);
    assertThat(report.differences()).isEmpty();
    assertThat(report.ledgerTotal()).isEqualTo(received);
    assertThat(report.networkTotal()).isEqualTo(received);

    List<PaymentEvent.PaymentSettled> settled = settledEvents();
    assertThat(settled).extracting(PaymentEvent.PaymentSettled::intent).containsOnly("session");
    assertThat(settled)
        .extracting(PaymentEvent.PaymentSettled::amount)
        .containsExactlyInAnyOrder(BigInteger.valueOf(3_000), BigInteger.valueOf(2_000));
    assertThat(settled)
        .extracting(PaymentEvent.PaymentSettled::reference)
        .containsExactlyInAnyOrderElementsOf(entries.stream().map(LedgerEntry::reference).toList());
  }
}
