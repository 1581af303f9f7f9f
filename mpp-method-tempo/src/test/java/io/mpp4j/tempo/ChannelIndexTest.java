package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The durable index of live channels: a channel joins it with its first write, every instance over
 * the same store reads it, it never holds more than its buckets' capacity (a new channel is then
 * refused, fail closed), finalized channels leave it, and the idle settlement default stays ahead
 * of the stored state's expiry.
 */
class ChannelIndexTest {
  private static final String PAYER = "0x1000000000000000000000000000000000000001";
  private static final String PAYEE = "0x2000000000000000000000000000000000000002";

  private final Store store = new MemoryStore();

  private static ChannelStore channels(int buckets, int capacity) {
    return new ChannelStore(
        Duration.ofDays(30), new StoreIndex("tempo:session-index:", buckets, capacity));
  }

  private static ChannelState state(int n) {
    String id = String.format("0x%064x", n);
    Escrow.OnChain onChain =
        new Escrow.OnChain(
            false,
            0,
            PAYER,
            PAYEE,
            LocalTempoChain.PATH_USD,
            PAYER,
            BigInteger.valueOf(10_000),
            BigInteger.ZERO);
    return ChannelState.fromChain(id, LocalEscrow.ADDRESS, 31337, onChain, 1_700_000_000L);
  }

  private static List<String> all(ChannelStore channels, Store store, int buckets) {
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      ids.addAll(channels.indexed(store, b));
    }
    return ids;
  }

  @Test
  void newChannelWhenWrittenThenIndexedAndSeenByAnotherInstance() {
    ChannelStore first = channels(4, 10);
    for (int n = 1; n <= 5; n++) {
      assertThat(first.replace(store, null, state(n))).isTrue();
    }

    ChannelStore restarted = channels(4, 10);
    assertThat(all(restarted, store, 4))
        .containsExactlyInAnyOrder(
            state(1).channelId(),
            state(2).channelId(),
            state(3).channelId(),
            state(4).channelId(),
            state(5).channelId());
  }

  @Test
  void channelWhenUpdatedAgainThenIndexedOnce() {
    ChannelStore channels = channels(1, 10);
    channels.replace(store, null, state(1));
    channels.update(store, state(1).channelId(), s -> s.withVoucher(BigInteger.TEN, "0xab"));
    channels(1, 10).update(store, state(1).channelId(), s -> s.withVoucher(BigInteger.TWO, "0xcd"));

    assertThat(all(channels, store, 1)).containsExactly(state(1).channelId());
  }

  @Test
  void bucketWhenFullThenNewChannelRefusedAndNothingStored() {
    ChannelStore channels = channels(1, 3);
    for (int n = 1; n <= 3; n++) {
      channels.replace(store, null, state(n));
    }

    assertThatThrownBy(() -> channels.replace(store, null, state(4)))
        .isInstanceOf(PaymentExceptions.ServiceUnavailable.class);
    assertThat(channels.get(store, state(4).channelId())).isEmpty();
    assertThat(all(channels, store, 1)).hasSize(3);
  }

  @Test
  void channelWhenFinalizedThenLeavesIndexAndFreesItsPlace() {
    ChannelStore channels = channels(1, 2);
    channels.replace(store, null, state(1));
    channels.replace(store, null, state(2));

    channels.update(
        store, state(1).channelId(), s -> s.withFinalized(BigInteger.ZERO, "0x" + "ab".repeat(32)));

    assertThat(all(channels, store, 1)).containsExactly(state(2).channelId());
    assertThat(channels.replace(store, null, state(3))).isTrue();
    assertThat(all(channels, store, 1)).containsExactly(state(2).channelId(), state(3).channelId());
  }

  @Test
  void channelWhenStateGoneThenUnindexDropsIt() {
    ChannelStore channels = channels(1, 2);
    channels.replace(store, null, state(1));
    store.delete(ChannelStore.key(state(1).channelId()));

    channels.unindex(store, state(1).channelId());

    assertThat(all(channels, store, 1)).isEmpty();
  }

  @Test
  void idleSettlementWhenDefaultTtlThenOneDayBeforeExpiryAndQuarterForShortTtl() {
    assertThat(TempoSessionSettings.idleSettlement(Duration.ofDays(30)))
        .isEqualTo(Duration.ofDays(29));
    assertThat(TempoSessionSettings.idleSettlement(Duration.ofSeconds(8)))
        .isEqualTo(Duration.ofSeconds(6));
  }
}
