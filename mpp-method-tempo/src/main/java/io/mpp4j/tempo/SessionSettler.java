package io.mpp4j.tempo;

import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.SessionExceptions;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The payee's on-chain side of sessions (draft-tempo-session-00 §"Settlement Procedure"): settles
 * the highest voucher by policy (an unsettled amount or a time threshold, and by default before the
 * stored state can expire: §"Settlement", inactive channels), closes on the client's close, and
 * watches every live channel of the store's channel index for a payer's {@code requestClose},
 * settling before the grace period ends. The watcher starts when the method is attached to its
 * engine, so channels served before a restart or by another instance are watched without waiting
 * for a request. One settlement per channel at a time across instances (a store claim); the watcher
 * reads a bounded batch of channels per round, on one daemon thread.
 */
final class SessionSettler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SessionSettler.class.getName());
  private static final String SETTLING = "tempo:settling:";

  private final SessionConfig config;
  private final PayeeWallet wallet;
  private final ChannelStore channels;
  private final Clock clock;
  private final SessionPayouts payouts;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Store store;
  private ScheduledExecutorService watcher;
  private ExecutorService sender;
  private final List<String> queue = new ArrayList<>();
  private int cursor;

  SessionSettler(
      SessionConfig config,
      PayeeWallet wallet,
      ChannelStore channels,
      Clock clock,
      SessionJournal journal) {
    this.config = config;
    this.wallet = wallet;
    this.channels = channels;
    this.clock = clock;
    this.payouts = new SessionPayouts(config, wallet, journal, clock);
  }

  /**
   * Starts the settlement thread and the watcher with the engine's store: when the method is
   * attached to its engine, or at the latest on the first session request.
   */
  void attach(Store engineStore) {
    if (started.compareAndSet(false, true)) {
      this.store = engineStore;
      sender = Executors.newSingleThreadExecutor(r -> daemon(r, "mpp4j-tempo-settle"));
      watcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mpp4j-tempo-watch"));
      long every = Math.max(1, config.watchEvery().toMillis());
      watcher.scheduleWithFixedDelay(this::watchQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Settles in the background when the policy says so. */
  void afterVoucher(ChannelState state) {
    if (due(state) && sender != null) {
      sender.execute(() -> settleQuietly(state.channelId()));
    }
  }

  private boolean due(ChannelState state) {
    if (state.finalized() || state.closing() || state.signature() == null) {
      return false;
    }
    BigInteger unsettled = state.accepted().subtract(state.settled());
    if (unsettled.signum() <= 0) {
      return false;
    }
    if (state.closeRequestedAt() != 0) {
      return true;
    }
    if (config.settleAbove() != null && unsettled.compareTo(config.settleAbove()) >= 0) {
      return true;
    }
    long since = clock.instant().getEpochSecond() - state.settledAt();
    return (config.settleEvery() != null && since >= config.settleEvery().toSeconds())
        || since >= config.settleIdle().toSeconds();
  }

  /**
   * Settles the highest accepted voucher of a channel now, unless another settlement of it runs.
   *
   * @return the transaction hash, or null when nothing was sent
   */
  String settle(String channelId) {
    String claim = SETTLING + channelId;
    if (!store.claim(claim, Duration.ofMinutes(2))) {
      return null;
    }
    try {
      ChannelStore.Versioned current = channels.get(store, channelId).orElse(null);
      if (current == null || !due(current.state())) {
        return null;
      }
      ChannelState state = current.state();
      String tx = payouts.settle(state);
      BigInteger amount = state.accepted();
      long now = clock.instant().getEpochSecond();
      channels.update(store, channelId, s -> s.withSettled(amount, now));
      LOG.log(System.Logger.Level.INFO, "settled channel {0} up to {1}", channelId, amount);
      return tx;
    } finally {
      store.release(claim);
    }
  }

  /**
   * Closes a channel on chain with the client's close voucher.
   *
   * @return the close transaction's hash
   */
  String close(ChannelState state, BigInteger amount, byte[] signature) {
    try {
      return payouts.close(state, amount, signature);
    } catch (Broadcaster.BroadcastException e) {
      if (e.rejected()) {
        throw new PaymentExceptions.VerificationFailed("The escrow refused to close the channel.");
      }
      // recorded pending by the payouts, resolved from its receipt: not the engine's to record
      throw new PaymentExceptions.ServiceUnavailable(
          "The close transaction was sent but not confirmed in time.", e);
    } catch (RpcException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
  }

  /** Reads a channel's on-chain state and folds it into the stored state. */
  ChannelState refresh(Store engineStore, ChannelState state) {
    Escrow.OnChain onChain;
    try {
      onChain = wallet.read(state.escrow(), state.channelId());
    } catch (RpcException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
    if (!onChain.exists()) {
      throw new SessionExceptions.ChannelNotFound(
          "No such channel on the escrow.", state.channelId());
    }
    long now = clock.instant().getEpochSecond();
    return channels.update(
        engineStore,
        state.channelId(),
        s ->
            s.withOnChain(
                onChain.deposit(),
                onChain.settled(),
                onChain.closeRequestedAt(),
                onChain.finalized(),
                now));
  }

  private void settleQuietly(String channelId) {
    try {
      settle(channelId);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "settlement of {0} failed: {1}",
          channelId,
          e.getClass().getSimpleName());
    }
  }

  /** One watch round: a bounded batch of the indexed channels, bucket after bucket. */
  private void watchQuietly() {
    try {
      resolvePendingQuietly();
      int visited = 0;
      for (int i = 0; i < config.watchBatch(); i++) {
        String channelId;
        synchronized (queue) {
          while (queue.isEmpty() && visited < ChannelStore.BUCKETS) {
            queue.addAll(channels.indexed(store, cursor));
            cursor = (cursor + 1) % ChannelStore.BUCKETS;
            visited++;
          }
          if (queue.isEmpty()) {
            return;
          }
          channelId = queue.remove(0);
        }
        watch(channelId);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session watcher: {0}", e.getClass().getSimpleName());
    }
  }

  private void resolvePendingQuietly() {
    try {
      payouts.resolvePending();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "session payouts pending: {0}",
          e.getClass().getSimpleName());
    }
  }

  private void watch(String channelId) {
    ChannelState state;
    try {
      state = channels.get(store, channelId).map(ChannelStore.Versioned::state).orElse(null);
      if (state == null || state.finalized()) {
        channels.unindex(store, channelId);
        return;
      }
      state = refresh(store, state);
    } catch (PaymentExceptions.ServiceUnavailable | StoreUnavailableException e) {
      return;
    } catch (SessionExceptions.ChannelNotFound e) {
      channels.unindex(store, channelId);
      return;
    }
    if (state.finalized()) {
      channels.unindex(store, channelId);
      return;
    }
    if (due(state)) {
      settleQuietly(channelId);
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    if (sender != null) {
      sender.shutdown();
    }
  }
}
