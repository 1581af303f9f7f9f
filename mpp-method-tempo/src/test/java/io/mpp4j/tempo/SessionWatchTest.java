package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpp4j.core.Decision;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a local chain, the watcher reads every live channel from the store's channel index: a server
 * restarted over the same store settles a channel it has not served since when the payer forces a
 * close, a time policy ({@code settleEvery}) settles without any request, and with no policy at all
 * an idle channel is settled before its stored state can expire; a closed channel leaves the index.
 */
class SessionWatchTest {
  @RegisterExtension static final LocalTempoChain CHAIN = new LocalTempoChain();

  private static String escrow;

  @BeforeAll
  static void start() throws Exception {
    escrow = LocalEscrow.install(CHAIN);
  }

  private static SessionHarness harness(Store store, TempoSessionSettings.Builder settings) {
    return new SessionHarness(
        CHAIN, escrow, store, "0.001", settings.closeWatch(Duration.ofMillis(200), 10));
  }

  private static SessionHarness.Channel served(SessionHarness harness, long voucher) {
    SessionHarness.Channel channel = harness.openedWithContent(50_000, 1_000);
    assertThat(harness.send("POST", harness.challenge(), harness.voucher(channel, voucher)))
        .isInstanceOf(Decision.Acknowledged.class);
    return channel;
  }

  private static BigInteger payeeBalance() {
    return CHAIN.balance(LocalTempoChain.PATH_USD, CHAIN.merchant().address());
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    SessionHarness.eventually(30, condition);
  }

  /** Every channel id in the store's channel index. */
  static List<String> indexed(Store store) {
    ChannelStore channels = new ChannelStore(Duration.ofDays(1));
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < ChannelStore.BUCKETS; b++) {
      ids.addAll(channels.indexed(store, b));
    }
    return ids;
  }

  @Test
  void requestCloseWhenServerRestartedOverSameStoreThenNewInstanceSettlesBeforeGraceEnds()
      throws Exception {
    Store store = new MemoryStore();
    SessionHarness before = harness(store, TempoSessionSettings.builder());
    SessionHarness.Channel channel = served(before, 1_500);
    before.method.close();
    assertThat(indexed(store)).containsExactly(channel.id());

    SessionHarness after = harness(store, TempoSessionSettings.builder());
    try {
      BigInteger payeeBefore = payeeBalance();
      assertThat(after.requestClose(channel)).isEqualTo("0x1");

      eventually(() -> after.onChain(channel.id()).settled().equals(BigInteger.valueOf(1_500)));
      assertThat(payeeBalance().subtract(payeeBefore)).isEqualTo(BigInteger.valueOf(1_500));
      assertThat(after.onChain(channel.id()).finalized()).isFalse();
    } finally {
      after.method.close();
    }
  }

  /**
   * Serves a channel up to {@code voucher} and asserts it is still unsettled after {@code quiet}
   * milliseconds, then settled by the watcher without any request, paying the payee.
   */
  private static void settledLaterWithoutRequest(
      TempoSessionSettings.Builder settings, long voucher, long quiet) throws Exception {
    SessionHarness harness = harness(new MemoryStore(), settings);
    try {
      BigInteger payeeBefore = payeeBalance();
      SessionHarness.Channel channel = served(harness, voucher);
      Thread.sleep(quiet);
      assertThat(harness.onChain(channel.id()).settled()).isZero();

      eventually(() -> harness.onChain(channel.id()).settled().equals(BigInteger.valueOf(voucher)));
      assertThat(payeeBalance().subtract(payeeBefore)).isEqualTo(BigInteger.valueOf(voucher));
    } finally {
      harness.method.close();
    }
  }

  @Test
  void settleEveryWhenIntervalPassesThenWatcherSettlesWithoutRequest() throws Exception {
    settledLaterWithoutRequest(
        TempoSessionSettings.builder().settleEvery(Duration.ofSeconds(3)), 2_000, 300);
  }

  @Test
  void noPolicyWhenChannelIdleNearItsStoredStateExpiryThenSettled() throws Exception {
    // a 6 s channel TTL: idle channels are settled after 4.5 s (the TTL less a quarter of it)
    settledLaterWithoutRequest(
        TempoSessionSettings.builder().channelTtl(Duration.ofSeconds(6)), 2_500, 1_000);
  }

  @Test
  void closeWhenClientClosesChannelThenIndexDropsIt() throws Exception {
    Store store = new MemoryStore();
    SessionHarness harness = harness(store, TempoSessionSettings.builder());
    try {
      SessionHarness.Channel kept = served(harness, 1_000);
      SessionHarness.Channel closed = served(harness, 1_500);
      assertThat(indexed(store)).containsExactlyInAnyOrder(kept.id(), closed.id());

      Decision decision = harness.send("POST", harness.challenge(), harness.close(closed, 1_500));
      assertThat(decision)
          .as(() -> SessionHarness.describe(decision))
          .isInstanceOf(Decision.Acknowledged.class);
      assertThat(harness.onChain(closed.id()).finalized()).isTrue();
      eventually(() -> indexed(store).equals(List.of(kept.id())));
    } finally {
      harness.method.close();
    }
  }
}
