package io.mpp4j.tempo;

import io.mpp4j.chain.PayerSource;
import io.mpp4j.core.Intent;
import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every on-chain payment of a session as a ledger entry of the engine the method is attached to
 * (draft-tempo-session-00 §"Settlement Procedure"): one entry per {@code settle} or {@code close}
 * transaction the payee sends, {@code session:<channelId>:<txHash>}, intent {@code session}, for
 * the amount that transaction paid the payee (the newly settled delta, never the cumulative), payer
 * the channel's payer as a DID, reference the transaction hash, and route {@code
 * channel:<channelId>} (a settlement pays for every request the channel served, whatever their
 * routes). A transaction that was mined is recorded settled and published as a {@link
 * PaymentEvent.PaymentSettled} for that amount; one refused by the escrow or the node is recorded
 * failed; one whose outcome is unknown is recorded pending and published as {@link
 * PaymentEvent.OutcomeUnknown}, and resolved later from its receipt ({@link SessionPayouts}).
 * Vouchers themselves move no money and are not recorded. Nothing here throws.
 */
final class SessionJournal {
  private static final System.Logger LOG = System.getLogger(SessionJournal.class.getName());
  static final String INTENT = Intent.SESSION.name();

  private final AtomicReference<PaymentServices> services = new AtomicReference<>();

  /** Binds the journal to an engine; a second engine is ignored (its ledger gets no entries). */
  void attach(PaymentServices engine) {
    if (!services.compareAndSet(null, engine) && services.get() != engine) {
      LOG.log(
          System.Logger.Level.WARNING,
          "a TempoMethod serving sessions records settlements in the first engine's ledger only");
    }
  }

  static String entryId(String channelId, String hash) {
    return "session:" + channelId.toLowerCase(Locale.ROOT) + ":" + hash.toLowerCase(Locale.ROOT);
  }

  static String route(String channelId) {
    return "channel:" + channelId.toLowerCase(Locale.ROOT);
  }

  /** A settle or close transaction that was mined and paid the payee {@code paid}. */
  void settled(
      ChannelState state,
      String action,
      BigInteger cumulative,
      String hash,
      BigInteger paid,
      Duration elapsed) {
    LOG.log(
        System.Logger.Level.INFO,
        "session {0} of channel {1} paid {2}: {3}",
        action,
        state.channelId(),
        paid,
        hash);
    PaymentServices engine =
        write(state, hash, LedgerEntry.Status.SETTLED, paid, what(action, cumulative));
    if (engine != null) {
      publish(engine, settledEvent(state, hash, paid, engine.clock().instant(), elapsed));
    }
  }

  /** A transaction the escrow or the node refused: nothing was paid. */
  void failed(
      ChannelState state, String action, BigInteger cumulative, String hash, BigInteger expected) {
    LOG.log(
        System.Logger.Level.WARNING,
        "session {0} of channel {1} refused: {2}",
        action,
        state.channelId(),
        hash);
    write(state, hash, LedgerEntry.Status.FAILED, expected, what(action, cumulative) + ": refused");
  }

  /** A transaction that may have been mined: pending until its receipt says. */
  void pending(
      ChannelState state, String action, BigInteger cumulative, String hash, BigInteger expected) {
    String detail = what(action, cumulative) + ": sent, not confirmed yet";
    PaymentServices engine = write(state, hash, LedgerEntry.Status.PENDING, expected, detail);
    if (engine != null) {
      publish(
          engine,
          new PaymentEvent.OutcomeUnknown(
              engine.clock().instant(),
              entryId(state.channelId(), hash),
              TempoMethod.ID,
              INTENT,
              route(state.channelId()),
              expected,
              state.token(),
              detail));
    }
  }

  /** Records one entry; returns the engine, or null when none is attached (nothing recorded). */
  private PaymentServices write(
      ChannelState state,
      String hash,
      LedgerEntry.Status status,
      BigInteger amount,
      String detail) {
    PaymentServices engine = services.get();
    if (engine == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "session transaction {0} of channel {1} not recorded: no engine attached",
          hash,
          state.channelId());
      return null;
    }
    Instant now = engine.clock().instant();
    engine.record(
        new LedgerEntry(
            entryId(state.channelId(), hash),
            now,
            status == LedgerEntry.Status.PENDING ? null : now,
            status,
            route(state.channelId()),
            TempoMethod.ID,
            INTENT,
            amount,
            state.token(),
            PayerSource.did(state.chainId(), state.payer()),
            hash,
            null,
            detail));
    return engine;
  }

  /** Session entries still pending that were created since {@code since}, oldest first. */
  List<LedgerEntry> pendingSince(Instant since, int limit) {
    PaymentServices engine = services.get();
    if (engine == null) {
      return List.of();
    }
    LedgerQuery query =
        LedgerQuery.between(since, engine.clock().instant().plusSeconds(1))
            .method(TempoMethod.ID)
            .status(LedgerEntry.Status.PENDING)
            .limit(limit)
            .build();
    return engine.ledger().query(query).stream()
        .filter(e -> INTENT.equals(e.intent()) && e.reference() != null)
        .toList();
  }

  /**
   * Resolves a pending entry from its transaction's receipt: settled with what it paid (a pending
   * entry keeps the amount expected when it was sent; when the receipt shows another, the detail
   * says so and reconciliation reports the difference), or failed.
   */
  void resolved(LedgerEntry pending, boolean settled, BigInteger paid, String detail) {
    PaymentServices engine = services.get();
    if (engine == null) {
      return;
    }
    Instant now = engine.clock().instant();
    String note =
        settled && paid.compareTo(pending.amount()) != 0
            ? detail + "; paid " + paid + ", not " + pending.amount()
            : detail;
    engine.resolve(
        pending.challengeId(),
        settled ? LedgerEntry.Status.SETTLED : LedgerEntry.Status.FAILED,
        pending.reference(),
        note);
    publish(
        engine,
        new PaymentEvent.OutcomeResolved(
            now,
            pending.challengeId(),
            TempoMethod.ID,
            INTENT,
            pending.route(),
            settled,
            pending.reference(),
            settled ? null : detail));
    if (settled) {
      publish(
          engine,
          new PaymentEvent.PaymentSettled(
              now,
              pending.challengeId(),
              TempoMethod.ID,
              INTENT,
              pending.route(),
              paid,
              pending.currency(),
              pending.reference(),
              pending.payer(),
              null,
              Duration.between(pending.createdAt(), now).abs()));
    }
  }

  private static PaymentEvent settledEvent(
      ChannelState state, String hash, BigInteger paid, Instant now, Duration elapsed) {
    return new PaymentEvent.PaymentSettled(
        now,
        entryId(state.channelId(), hash),
        TempoMethod.ID,
        INTENT,
        route(state.channelId()),
        paid,
        state.token(),
        hash,
        PayerSource.did(state.chainId(), state.payer()),
        null,
        elapsed);
  }

  private static String what(String action, BigInteger cumulative) {
    return action + " up to " + cumulative;
  }

  private static void publish(PaymentServices engine, PaymentEvent event) {
    try {
      engine.publish(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session event lost: {0}", e.getClass().getName());
    }
  }
}
