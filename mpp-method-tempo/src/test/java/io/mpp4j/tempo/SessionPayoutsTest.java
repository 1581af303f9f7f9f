package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.Decision;
import io.mpp4j.core.MutableClock;
import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.Secret;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SessionPayouts} and {@link SessionJournal} against the escrow on a local chain: each mined
 * settle is one settled entry and event for the delta it paid; a settle the escrow refuses before
 * anything is sent is not recorded; a transaction recorded pending is resolved from its receipt for
 * what it paid, and failed once the node has not known it for an hour.
 */
class SessionPayoutsTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static SessionHarness harness;
  private static PayeeWallet wallet;
  private static SessionConfig config;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final MemoryLedger ledger = new MemoryLedger();
  private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  private final SessionJournal journal = new SessionJournal();
  private BigInteger payerKey;

  @BeforeAll
  static void start() throws Exception {
    String escrow = LocalEscrow.install(CHAIN);
    harness = new SessionHarness(CHAIN, escrow, new MemoryStore(), "0.001");
    TempoSessionSettings settings =
        TempoSessionSettings.builder()
            .escrow(escrow)
            .payeeKey(Secret.of(CHAIN.merchant().privateKey()))
            .payeeFeeToken(LocalTempoChain.ALPHA_USD)
            .build();
    JsonRpc rpc = new JsonRpc(CHAIN.rpcUrl(), Duration.ofSeconds(5), Duration.ofSeconds(20));
    Broadcaster broadcaster = new Broadcaster(rpc, Duration.ofSeconds(20), Duration.ofMillis(100));
    wallet = settings.wallet(rpc, broadcaster, LocalTempoChain.CHAIN_ID, LocalTempoChain.PATH_USD);
    config =
        settings.config(
            LocalTempoChain.CHAIN_ID,
            LocalTempoChain.PATH_USD,
            6,
            false,
            new MemoryStore(),
            Duration.ofDays(1));
  }

  @AfterAll
  static void stop() {
    harness.method.close();
  }

  private SessionPayouts payouts() {
    journal.attach(new Services());
    return new SessionPayouts(config, wallet, journal, clock);
  }

  /** A channel opened through the server, with a voucher for {@code cumulative} signed. */
  private ChannelState channel(long cumulative) {
    SessionHarness.Channel channel = harness.newChannel(CHAIN.freshAccount(), 20_000);
    payerKey = channel.payer().key();
    Decision opened = harness.send("GET", harness.challenge(), harness.open(channel, 1_000));
    assertThat(opened).isInstanceOf(Decision.Paid.class);
    String signature = harness.sign(channel.id(), cumulative, channel.payer().key());
    return ChannelState.fromChain(
            channel.id(),
            harness.escrow,
            LocalTempoChain.CHAIN_ID,
            harness.onChain(channel.id()),
            Instant.now().getEpochSecond())
        .withVoucher(BigInteger.valueOf(cumulative), signature);
  }

  private List<LedgerEntry> entries() {
    return ledger.query(
        LedgerQuery.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).build());
  }

  private LedgerEntry only() {
    assertThat(entries()).hasSize(1);
    return entries().get(0);
  }

  @Test
  void settleWhenEscrowRefusesBeforeSendingThenNothingRecorded() {
    ChannelState state = channel(2_000);
    ChannelState forged = state.withVoucher(BigInteger.valueOf(3_000), state.signature());

    assertThatThrownBy(() -> payouts().settle(forged)).isInstanceOf(RpcException.class);

    assertThat(entries()).isEmpty();
    assertThat(harness.onChain(state.channelId()).settled()).isZero();
  }

  @Test
  void settleWhenMinedThenOneSettledEntryForTheDeltaAndAnEvent() {
    ChannelState state = channel(1_500);
    SessionPayouts payouts = payouts();
    payouts.settle(state);
    ChannelState later =
        state
            .withSettled(BigInteger.valueOf(1_500), 0)
            .withVoucher(
                BigInteger.valueOf(4_000), harness.sign(state.channelId(), 4_000, payerKey));

    String second = payouts.settle(later);

    assertThat(entries())
        .extracting(LedgerEntry::amount)
        .containsExactly(BigInteger.valueOf(1_500), BigInteger.valueOf(2_500));
    assertThat(entries()).allMatch(e -> e.status() == LedgerEntry.Status.SETTLED);
    assertThat(entries().get(1).reference()).isEqualTo(second);
    assertThat(events)
        .filteredOn(PaymentEvent.PaymentSettled.class::isInstance)
        .extracting(e -> ((PaymentEvent.PaymentSettled) e).amount())
        .containsExactly(BigInteger.valueOf(1_500), BigInteger.valueOf(2_500));
  }

  @Test
  void pendingWhenReceiptShowsPaymentThenResolvedSettledForWhatWasPaid() throws Exception {
    ChannelState state = channel(2_500);
    SessionPayouts payouts = payouts();
    String hash =
        wallet.send(
            state.escrow(),
            Escrow.settle(state.channelId(), state.accepted(), Hex.decode(state.signature())));
    journal.pending(state, "settle", state.accepted(), hash, BigInteger.valueOf(2_500));

    payouts.resolvePending();

    LedgerEntry entry = only();
    assertThat(entry.status()).isEqualTo(LedgerEntry.Status.SETTLED);
    assertThat(entry.reference()).isEqualTo(hash);
    assertThat(entry.amount()).isEqualTo(BigInteger.valueOf(2_500));
    assertThat(events)
        .filteredOn(PaymentEvent.PaymentSettled.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((PaymentEvent.PaymentSettled) e).amount()).isEqualTo(2_500));
    assertThat(events).anyMatch(PaymentEvent.OutcomeUnknown.class::isInstance);
  }

  @Test
  void pendingWhenNodeNeverKnewTheTransactionThenFailedOnlyAfterAnHour() {
    ChannelState state = channel(2_000);
    SessionPayouts payouts = payouts();
    String unknown = "0x" + "ab".repeat(32);
    journal.pending(state, "close", state.accepted(), unknown, BigInteger.valueOf(2_000));

    payouts.resolvePending();
    LedgerEntry waiting = only();
    clock.advance(SessionPayouts.ABANDON_AFTER.plusMinutes(1));
    payouts.resolvePending();

    assertThat(waiting.status()).isEqualTo(LedgerEntry.Status.PENDING);
    assertThat(only().status()).isEqualTo(LedgerEntry.Status.FAILED);
    assertThat(events).noneMatch(PaymentEvent.PaymentSettled.class::isInstance);
  }

  /** The engine services a method gets, over this test's ledger, clock and event list. */
  private final class Services implements PaymentServices {
    private final Store store = new MemoryStore();

    @Override
    public String realm() {
      return "api.example.com";
    }

    @Override
    public Store store() {
      return store;
    }

    @Override
    public Ledger ledger() {
      return ledger;
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public void publish(PaymentEvent event) {
      events.add(event);
    }

    @Override
    public void record(LedgerEntry entry) {
      ledger.record(entry);
    }

    @Override
    public void resolve(
        String entryId, LedgerEntry.Status status, String reference, String detail) {
      ledger.resolve(entryId, status, reference, clock.instant(), detail);
    }
  }
}
