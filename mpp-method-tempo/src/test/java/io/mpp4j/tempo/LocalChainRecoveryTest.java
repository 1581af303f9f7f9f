package io.mpp4j.tempo;

import static io.mpp4j.tempo.PaymentHarness.problem;
import static io.mpp4j.tempo.PaymentHarness.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.MutableClock;
import io.mpp4j.core.Offer;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.ledger.ReconciliationReport;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unknown outcomes on a real local chain behind a fault-injecting JSON-RPC proxy: a broadcast whose
 * reply is lost is served on the client's retry, once, and recorded once; one the node never
 * received is released and reported once its validity has passed; the ledger then agrees with the
 * merchant's balance on chain.
 */
class LocalChainRecoveryTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private final MutableClock clock = new MutableClock(Instant.now());
  private final MemoryLedger ledger = new MemoryLedger();
  private final MemoryStore store = new MemoryStore();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
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
            .store(store)
            .ledger(ledger)
            .clock(clock)
            .reconcileEvery(null)
            .listener(events::add)
            .build();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private Challenge challenge() {
    return ((Decision.PaymentRequired) mpp.decide(exchange(null), offers)).challenges().get(0);
  }

  private static io.mpp4j.core.PaymentExchange exchange(String authorization) {
    Map<String, List<String>> headers =
        authorization == null ? Map.of() : Map.of("authorization", List.of(authorization));
    return HttpExchanges.of(
            "GET", "/api/fortune", null, n -> headers.get(n.toLowerCase()), new byte[0])
        .build();
  }

  private String credential(Challenge challenge, LocalTempoChain.DevAccount payer) {
    return PaymentHarness.pullCredential(challenge, payer, CHAIN.merchant().address(), 40_000);
  }

  private List<LedgerEntry> entries() {
    return ledger.query(
        LedgerQuery.between(
                clock.instant().minus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(1)))
            .build());
  }

  private BigInteger merchantBalance() {
    return CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
  }

  @Test
  void retryWhenTheBroadcastReplyWasLostThenServedOnceAndRecordedOnce() {
    BigInteger before = merchantBalance();
    String credential = credential(challenge(), CHAIN.freshAccount());
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.LOSE_REPLY);

    Decision lost = mpp.decide(exchange(credential), offers);
    proxy.clear();
    Decision retry = mpp.decide(exchange(credential), offers);
    Decision again = mpp.decide(exchange(credential), offers);

    assertThat(problem(lost)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(retry).isInstanceOf(Decision.Paid.class);
    assertThat(problem(again)).isEqualTo(ProblemType.INVALID_CHALLENGE);
    assertThat(proxy.calls("eth_sendRawTransactionSync")).isEqualTo(1);
    assertThat(merchantBalance()).isEqualTo(before.add(BigInteger.valueOf(40_000)));
    assertThat(entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.SETTLED);
              assertThat(e.reference()).isEqualTo(((Decision.Paid) retry).receipt().reference());
            });
  }

  @Test
  void reconcileWhenTheNodeNeverGotTheTransactionThenReleasedReportedAndPayableAgain() {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    String credential = credential(challenge(), payer);
    String hash =
        Hex.encode(
            Keccak.hash(
                Hex.decode(
                    PaymentHeaders.parseCredential(credential)
                        .payloadString("signature")
                        .orElseThrow())));
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.SWALLOW);
    proxy.fault("eth_getTransactionReceipt", RpcFaultProxy.Fault.SWALLOW);

    Decision swallowed = mpp.decide(exchange(credential), offers);
    proxy.clear();
    assertThat(mpp.reconcile()).as("too recent for the reconciler").isZero();
    clock.advance(Duration.ofMinutes(2));
    int resolved = mpp.reconcile();

    assertThat(problem(swallowed)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(resolved).isEqualTo(1);
    assertThat(entries())
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.FAILED));
    assertThat(store.claim(ChargeVerifier.NAMESPACE + ":" + hash, Duration.ofSeconds(1)))
        .as("the never-mined transaction's hash is released")
        .isTrue();
    assertThat(resolvedEvent()).hasValueSatisfying(e -> assertThat(e.settled()).isFalse());
  }

  @Test
  void reconcileWhenAnotherTransactionUsedTheNonceThenFailedBeforeAnyExpiry() {
    LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
    Challenge challenge = challenge();
    TestPayer swallowedTx =
        TestPayer.from(payer)
            .nonceKey(BigInteger.ZERO)
            .nonce(0)
            .transfer(
                LocalTempoChain.PATH_USD,
                CHAIN.merchant().address(),
                40_000,
                Attribution.encode(PaymentHarness.REALM, null, challenge.id()));
    String credential =
        PaymentHeaders.formatCredential(
            new Credential(challenge, transaction(swallowedTx.signedHex()), payer.did()));
    proxy.fault("eth_sendRawTransactionSync", RpcFaultProxy.Fault.SWALLOW);
    proxy.fault("eth_getTransactionReceipt", RpcFaultProxy.Fault.SWALLOW);
    Decision swallowed = mpp.decide(exchange(credential), offers);
    proxy.clear();
    TestPayer replacement =
        TestPayer.from(payer)
            .nonceKey(BigInteger.ZERO)
            .nonce(0)
            .transfer(LocalTempoChain.PATH_USD, CHAIN.sponsor().address(), 1, null);
    CHAIN.rpc("eth_sendRawTransactionSync", replacement.signedHex());
    clock.advance(Duration.ofSeconds(11));

    int resolved = mpp.reconcile();

    assertThat(problem(swallowed)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    assertThat(resolved).isEqualTo(1);
    assertThat(entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LedgerEntry.Status.FAILED);
              assertThat(e.detail()).contains("nonce");
            });
  }

  private java.util.Optional<PaymentEvent.OutcomeResolved> resolvedEvent() {
    for (int i = 0; i < 200; i++) {
      for (PaymentEvent event : events) {
        if (event instanceof PaymentEvent.OutcomeResolved resolved) {
          return java.util.Optional.of(resolved);
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return java.util.Optional.empty();
  }

  @Test
  void reconcileWhenPaymentsSettledThenTheLedgerSumEqualsTheRecipientsBalanceChange() {
    // the partner account is paid by no other test of this class: the chain shows only these
    tempo = CHAIN.merchantMethod().recipient(CHAIN.partner().address()).build();
    mpp =
        Mpp.builder()
            .realm(PaymentHarness.REALM)
            .secret(Secret.of(PaymentHarness.SECRET))
            .method(tempo)
            .ledger(ledger)
            .clock(clock)
            .reconcileEvery(null)
            .build();
    Instant from = clock.instant().minusSeconds(5);
    BigInteger before = CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.partner().address());
    for (int i = 0; i < 3; i++) {
      Challenge challenge = challenge();
      LocalTempoChain.DevAccount payer = CHAIN.freshAccount();
      TestPayer tx =
          TestPayer.from(payer)
              .transfer(
                  LocalTempoChain.PATH_USD,
                  CHAIN.partner().address(),
                  40_000,
                  Attribution.encode(PaymentHarness.REALM, null, challenge.id()));
      String credential =
          PaymentHeaders.formatCredential(
              new Credential(challenge, transaction(tx.signedHex()), payer.did()));
      assertThat(mpp.decide(exchange(credential), offers)).isInstanceOf(Decision.Paid.class);
    }
    BigInteger received =
        CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.partner().address()).subtract(before);
    BigInteger settled =
        entries().stream().map(LedgerEntry::amount).reduce(BigInteger.ZERO, BigInteger::add);

    ReconciliationReport report = tempo.reconcile(ledger, from, clock.instant().plusSeconds(60));

    assertThat(settled).isEqualTo(received).isEqualTo(BigInteger.valueOf(120_000));
    assertThat(report.ledgerTotal()).isEqualTo(settled);
    assertThat(report.differences()).isEmpty();
    assertThat(report.networkTotal()).isEqualTo(settled);
  }
}
