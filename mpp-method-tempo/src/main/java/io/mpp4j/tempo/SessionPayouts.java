package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.ledger.LedgerEntry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The payee's {@code settle} and {@code close} transactions (draft-tempo-session-00 §"Settlement
 * Procedure", §"Cooperative Close"), each recorded in the {@link SessionJournal} by how it ended:
 * mined, for what its receipt shows the escrow paid the payee in the channel's token (the delta
 * over what was settled before; the escrow pays nothing more on a close than the voucher's excess
 * over it); refused by the node or reverted on chain; or unknown. A transaction refused before it
 * is sent (the escrow's checks fail when its gas is estimated) moved nothing and is not recorded,
 * like any refusal before a payment. Unknown outcomes are resolved from their receipts by {@link
 * #resolvePending}: settled or failed as the receipt says, failed once the node has not known the
 * transaction for {@link #ABANDON_AFTER}.
 */
final class SessionPayouts {
  /** How long a pending transaction the node does not hold stays pending before it is failed. */
  static final Duration ABANDON_AFTER = Duration.ofHours(1);

  private static final System.Logger LOG = System.getLogger(SessionPayouts.class.getName());
  private static final Duration LOOK_BACK = Duration.ofDays(7);
  private static final int BATCH = 50;

  private final SessionConfig config;
  private final PayeeWallet wallet;
  private final SessionJournal journal;
  private final Clock clock;

  SessionPayouts(SessionConfig config, PayeeWallet wallet, SessionJournal journal, Clock clock) {
    this.config = config;
    this.wallet = wallet;
    this.journal = journal;
    this.clock = clock;
  }

  /**
   * Settles the channel's highest accepted voucher.
   *
   * @return the transaction hash
   * @throws Broadcaster.BroadcastException when it was not mined (recorded failed or pending)
   * @throws RpcException when the node could not prepare it (nothing was sent)
   */
  String settle(ChannelState state) {
    return send(
        state,
        "settle",
        state.accepted(),
        Escrow.settle(state.channelId(), state.accepted(), Hex.decode(state.signature())));
  }

  /**
   * Closes the channel with the client's close voucher.
   *
   * @return the transaction hash
   * @throws Broadcaster.BroadcastException when it was not mined (recorded failed or pending)
   * @throws RpcException when the node could not prepare it (nothing was sent)
   */
  String close(ChannelState state, BigInteger amount, byte[] signature) {
    return send(state, "close", amount, Escrow.close(state.channelId(), amount, signature));
  }

  private String send(ChannelState state, String action, BigInteger cumulative, byte[] call) {
    String[] last = new String[1];
    BigInteger expected = cumulative.subtract(state.settled()).max(BigInteger.ZERO);
    long started = System.nanoTime();
    PayeeWallet.Mined mined;
    try {
      mined = wallet.send(state.escrow(), call, hash -> last[0] = hash);
    } catch (Broadcaster.BroadcastException e) {
      if (last[0] != null && e.rejected()) {
        journal.failed(state, action, cumulative, last[0], expected);
      } else if (last[0] != null && e.maybeSent()) {
        journal.pending(state, action, cumulative, last[0], expected);
      }
      throw e;
    }
    BigInteger paid = paid(state.escrow(), state.token(), mined.receipt(), expected);
    journal.settled(
        state,
        action,
        cumulative,
        mined.hash(),
        paid,
        Duration.ofNanos(System.nanoTime() - started));
    return mined.hash();
  }

  /**
   * What a mined receipt shows the escrow transferred to the payee in {@code token}; {@code
   * fallback} when its logs cannot be read.
   */
  private BigInteger paid(String escrow, String token, JsonNode receipt, BigInteger fallback) {
    try {
      BigInteger paid = BigInteger.ZERO;
      for (ReceiptCheck.Movement m : ReceiptCheck.movements(receipt.get("logs"))) {
        if (m.token().equalsIgnoreCase(token)
            && m.from().equalsIgnoreCase(escrow)
            && m.transfer().recipient().equalsIgnoreCase(wallet.address())) {
          paid = paid.add(m.transfer().amount());
        }
      }
      return paid;
    } catch (RpcException | NullPointerException e) {
      LOG.log(System.Logger.Level.WARNING, "session receipt logs unreadable; recorded as sent");
      return fallback;
    }
  }

  /**
   * Resolves the session entries still pending (a bounded batch): from each transaction's receipt,
   * or failed once the node has not known the transaction for {@link #ABANDON_AFTER}. A node that
   * cannot answer leaves them for the next call.
   */
  void resolvePending() {
    Instant now = clock.instant();
    List<LedgerEntry> pending = journal.pendingSince(now.minus(LOOK_BACK), BATCH);
    for (LedgerEntry entry : pending) {
      try {
        resolve(entry, now);
      } catch (RpcException e) {
        LOG.log(System.Logger.Level.WARNING, "pending session payments: node unavailable");
        return;
      }
    }
  }

  private void resolve(LedgerEntry entry, Instant now) {
    String hash = entry.reference();
    JsonNode receipt = wallet.receipt(hash);
    if (receipt == null) {
      if (entry.createdAt().plus(ABANDON_AFTER).isBefore(now) && !wallet.known(hash)) {
        journal.resolved(
            entry, false, BigInteger.ZERO, "not mined: the network does not know the transaction");
      }
      return;
    }
    if (!ReceiptCheck.isSuccess(receipt)) {
      journal.resolved(entry, false, BigInteger.ZERO, "reverted");
      return;
    }
    BigInteger paid = paid(config.escrow(), entry.currency(), receipt, entry.amount());
    journal.resolved(entry, true, paid, "mined");
  }
}
