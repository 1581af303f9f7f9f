package io.mpp4j.tempo;

import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.UpstreamUrls;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Assembles a {@link TempoMethod} from its builder: the defaults a chain implies, the checks a
 * configuration must pass, and one RPC client and broadcaster shared by the charge, sessions and
 * subscriptions.
 */
final class TempoWiring {
  final Sponsor sponsor;
  final LedgerAudit audit;
  final SessionSettler settler;
  final SubscriptionSupport subscriptions;
  final List<IntentHandler<?>> handlers;

  TempoWiring(TempoMethod.Builder b, SessionJournal journal) {
    this.sponsor =
        b.feePayerKey == null
            ? null
            : new Sponsor(
                b.feePayerKey,
                b.sponsorPolicy != null
                    ? b.sponsorPolicy
                    : TempoSponsorPolicy.forChain(b.chain.id()),
                b.feeToken);
    JsonRpc rpc = new JsonRpc(b.rpcUrl, b.connectTimeout, b.rpcTimeout);
    this.audit = new LedgerAudit(rpc, b.currency, b.recipient, splitsTotal(b));
    NonceCheck nonces = new NonceCheck(rpc, b.maxExpiringWindow);
    Broadcaster broadcaster = new Broadcaster(rpc, b.receiptTimeout, Duration.ofMillis(250));
    BroadcastLimiter limiter =
        new BroadcastLimiter(b.maxConcurrentBroadcasts, b.maxBroadcastsPerPayer);
    ChargeVerifier verifier =
        new ChargeVerifier(rpc, broadcaster, sponsor, b.store, b.replayTtl, nonces, limiter);
    TempoCharge charge =
        new TempoCharge(
            b.chain.id(),
            b.currency,
            b.recipient,
            b.decimals,
            b.splits,
            b.memo,
            b.modes,
            sponsor != null,
            verifier,
            new ChargeRecovery(rpc, nonces, b.store));
    List<IntentHandler<?>> list = new ArrayList<>(List.of(charge));
    if (b.session == null) {
      this.settler = null;
    } else {
      SessionConfig config =
          b.session.config(
              b.chain.id(), b.currency, b.decimals, sponsor != null, b.store, b.replayTtl);
      PayeeWallet wallet = b.session.wallet(rpc, broadcaster, b.chain.id(), b.currency);
      ChannelStore channels = new ChannelStore(b.session.channelTtl());
      this.settler = new SessionSettler(config, wallet, channels, Clock.systemUTC(), journal);
      list.add(
          new TempoSession(
              config,
              channels,
              new SessionFunding(config, broadcaster, sponsor, wallet),
              settler,
              wallet,
              b.session.requests(config)));
    }
    this.subscriptions =
        b.subscriptions == null
            ? null
            : SubscriptionSupport.wire(
                b.subscriptions,
                rpc,
                broadcaster,
                sponsor,
                limiter,
                b.store,
                b.chain.id(),
                b.currency,
                b.recipient,
                b.decimals);
    if (subscriptions != null) {
      list.add(subscriptions.intent());
    }
    this.handlers = List.copyOf(list);
  }

  /**
   * Fills in what the chain implies (RPC URL, currency, the payee as recipient for sessions) and
   * refuses a configuration that cannot be paid.
   *
   * @throws IllegalStateException naming what is missing or inconsistent
   */
  static void complete(TempoMethod.Builder b) {
    if (b.chain == null) {
      throw new IllegalStateException("chain is required");
    }
    if (b.session != null) {
      b.recipient = b.session.payee(b.recipient);
      b.session.requireEscrow(b.chain);
    }
    if (b.recipient == null) {
      throw new IllegalStateException("recipient is required");
    }
    if (b.rpcUrl == null) {
      b.rpcUrl =
          b.chain
              .rpcUrl()
              .orElseThrow(() -> new IllegalStateException("rpcUrl is required for " + b.chain));
    }
    UpstreamUrls.requireSecure(b.rpcUrl, b.allowInsecureRpc, "Tempo RPC URL", "allowInsecureRpc");
    if (b.currency == null) {
      b.currency =
          b.chain
              .defaultCurrency()
              .orElseThrow(() -> new IllegalStateException("currency is required for " + b.chain));
    }
    if (b.subscriptions != null && b.feePayerKey == null) {
      throw new IllegalStateException(
          "subscriptions need a fee payer: their charges are sponsored (feePayer)");
    }
    if (b.feePayerKey != null && !b.modes.contains(TempoMethod.Mode.PULL)) {
      throw new IllegalStateException("a fee-sponsoring method must accept pull mode");
    }
    if (b.feePayerKey != null) {
      b.modes = EnumSet.of(TempoMethod.Mode.PULL);
    }
  }

  private static BigInteger splitsTotal(TempoMethod.Builder b) {
    BigInteger total = BigInteger.ZERO;
    for (TempoSplit split : b.splits) {
      total = total.add(split.amount().toBaseUnits(b.decimals));
    }
    return total;
  }
}
