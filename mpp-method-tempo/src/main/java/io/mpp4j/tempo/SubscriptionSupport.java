package io.mpp4j.tempo;

import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.store.Store;

/**
 * A {@link TempoMethod}'s subscription support, wired from the parts it shares with the charge
 * intent (RPC client, broadcaster, fee payer and broadcast bounds): the intent handler and the
 * merchant's {@link TempoSubscriptions}.
 */
record SubscriptionSupport(
    SubscriptionContext context, TempoSubscriptionIntent intent, TempoSubscriptions merchant) {

  static SubscriptionSupport wire(
      TempoSubscriptionSettings settings,
      JsonRpc rpc,
      Broadcaster broadcaster,
      Sponsor sponsor,
      BroadcastLimiter limiter,
      Store store,
      long chainId,
      String currency,
      String recipient,
      int decimals) {
    SubscriptionChain chain = new SubscriptionChain(rpc, settings.chainTimeRefresh());
    SubscriptionContext context =
        new SubscriptionContext(
            settings,
            chain,
            new SubscriptionCharger(chain, broadcaster, sponsor, limiter, settings),
            store);
    SubscriptionRenewals renewals = new SubscriptionRenewals(context);
    TempoSubscriptionIntent intent =
        new TempoSubscriptionIntent(
            chainId,
            currency,
            recipient,
            decimals,
            context,
            new SubscriptionActivation(context, renewals));
    return new SubscriptionSupport(context, intent, new TempoSubscriptions(context, renewals));
  }

  void attach(PaymentServices services) {
    context.attach(services);
  }
}
