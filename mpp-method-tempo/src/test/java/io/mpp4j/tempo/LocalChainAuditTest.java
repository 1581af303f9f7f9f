package io.mpp4j.tempo;

import static io.mpp4j.tempo.PaymentHarness.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.ledger.ReconciliationReport;
import io.mpp4j.core.ledger.ReconciliationReport.Difference;
import io.mpp4j.core.ledger.ReconciliationReport.Kind;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciliation report against the merchant's TIP-20 transfers on a real local chain lists
 * every kind of disagreement: a transfer the ledger does not hold, a settled entry the chain does
 * not show, and a pending entry whose transaction was mined.
 */
class LocalChainAuditTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static final String UNKNOWN_HASH = "0x" + "ab".repeat(32);

  private final MemoryLedger ledger = new MemoryLedger();
  private final List<Offer> offers = List.of(PaymentHarness.price("0.04"));
  private RpcFaultProxy proxy;
  private TempoMethod tempo;
  private Mpp mpp;

  @BeforeEach
  void start() throws Exception {
    proxy = RpcFaultProxy.start(CHAIN.rpcUrl());
    tempo =
        CHAIN
            .merchantMethod()
            .rpcUrl(proxy.url())
            .rpcTimeout(Duration.ofSeconds(2))
            .receiptTimeout(Duration.ofSeconds(2))
            .build();
    mpp =
        Mpp.builder()
            .realm(PaymentHarness.REALM)
            .secret(Secret.of(PaymentHarness.SECRET))
            .method(tempo)
            .store(new MemoryStore())
            .ledger(ledger)
            .reconcileEvery(null)
            .build();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  /** A payment whose broadcast reply is lost: mined on chain, pending in the ledger. */
  private LedgerEntry pendingButMined() {
    Challenge challenge =
        ((Decision.PaymentRequired) mpp.decide(PaymentHarness.exchange(null), offers))
            .challenges()
            .get(0);
    String credential =
        PaymentHarness.pullCredential(
            challenge, CHAIN.freshAccount(), CHAIN.merchant().address(), 40_000);
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.LOSE_REPLY);
    Decision lost = mpp.decide(PaymentHarness.exchange(credential), offers);
    proxy.clear();
    assertThat(problem(lost)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    List<LedgerEntry> entries =
        ledger.query(
            LedgerQuery.between(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60))
                .build());
    assertThat(entries)
        .singleElement()
        .extracting(LedgerEntry::status)
        .isEqualTo(LedgerEntry.Status.PENDING);
    return entries.get(0);
  }

  private static LedgerEntry settledWithUnknownHash() {
    return new LedgerEntry(
        "challenge-never-on-chain",
        Instant.now(),
        null,
        LedgerEntry.Status.SETTLED,
        "GET /api/fortune",
        TempoMethod.ID,
        "charge",
        BigInteger.valueOf(40_000),
        LocalTempoChain.PATH_USD,
        null,
        UNKNOWN_HASH,
        null,
        null);
  }

  @Test
  void reconcileWhenLedgerAndChainDisagreeThenEveryDifferenceListed() {
    Instant from = Instant.now().minusSeconds(5);
    LedgerEntry pending = pendingButMined();
    TestPayer direct =
        TestPayer.from(CHAIN.freshAccount())
            .transfer(LocalTempoChain.PATH_USD, CHAIN.merchant().address(), 7_000, null);
    direct.broadcast(CHAIN);
    assertThat(ledger.record(settledWithUnknownHash())).isTrue();

    ReconciliationReport report = tempo.reconcile(ledger, from, Instant.now().plusSeconds(60));

    assertThat(report.balanced()).isFalse();
    assertThat(report.differences())
        .containsExactlyInAnyOrder(
            new Difference(Kind.MISSING_IN_LEDGER, direct.hash(), null, null, amount(7_000)),
            new Difference(
                Kind.MISSING_ON_NETWORK,
                UNKNOWN_HASH,
                "challenge-never-on-chain",
                amount(40_000),
                null),
            new Difference(
                Kind.STATUS_DIFFERS,
                pending.reference(),
                pending.challengeId(),
                amount(40_000),
                amount(40_000)));
    assertThat(report.ledgerTotal()).as("settled entries only").isEqualTo(amount(40_000));
    assertThat(report.networkTotal()).isEqualTo(amount(47_000));
  }

  private static BigInteger amount(long value) {
    return BigInteger.valueOf(value);
  }
}
