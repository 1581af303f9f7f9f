package io.mpp4j.spring.boot;

import io.mpp4j.core.Price;
import io.mpp4j.core.Secret;
import io.mpp4j.stripe.StripeMethod;
import io.mpp4j.tempo.TempoMethod;
import io.mpp4j.tempo.TempoSessionSettings;
import io.mpp4j.tempo.TempoSplit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the payment methods {@code mpp.tempo.*} and {@code mpp.stripe.*} describe. A setting the
 * method refuses fails start-up naming its property; unset settings keep the builders' defaults.
 */
final class PaymentMethods {
  /** TempoMethod.Builder's broadcast bounds, for when only one of the two is set. */
  static final int DEFAULT_BROADCASTS = 32;

  static final int DEFAULT_BROADCASTS_PER_PAYER = 2;

  private PaymentMethods() {}

  static TempoMethod tempo(TempoProperties p) {
    if (!hasText(p.getRecipient())) {
      throw new IllegalStateException(
          "mpp.tempo.recipient is empty: set the address paid, or remove the property");
    }
    if (p.getChainId() == null) {
      throw new IllegalStateException(
          "mpp.tempo.chain-id is required with mpp.tempo.recipient"
              + " (4217 for mainnet, 42431 for the Moderato testnet)");
    }
    List<TempoMethod.Mode> modes = p.getModes();
    if (modes == null || modes.isEmpty()) {
      throw new IllegalStateException("mpp.tempo.modes must name pull, push or both");
    }
    TempoMethod.Builder tempo =
        TempoMethod.builder()
            .chainId(p.getChainId())
            .recipient(p.getRecipient().trim())
            .decimals(p.getDecimals())
            .modes(modes.get(0), modes.subList(1, modes.size()).toArray(TempoMethod.Mode[]::new))
            .allowInsecureRpc(p.isAllowInsecureRpc())
            .connectTimeout(p.getConnectTimeout())
            .rpcTimeout(p.getRpcTimeout())
            .receiptTimeout(p.getReceiptTimeout());
    if (hasText(p.getRpcUrl())) {
      tempo.rpcUrl(p.getRpcUrl().trim());
    }
    if (hasText(p.getCurrency())) {
      tempo.currency(p.getCurrency().trim());
    }
    if (hasText(p.getFeePayerKey())) {
      privateKey(
          "mpp.tempo.fee-payer-key", () -> tempo.feePayer(Secret.of(p.getFeePayerKey().trim())));
    }
    if (hasText(p.getFeeToken())) {
      tempo.feeToken(p.getFeeToken().trim());
    }
    if (hasText(p.getMemo())) {
      tempo.memo(p.getMemo().trim());
    }
    limits(tempo, p);
    splits(tempo, p.getSplits());
    TempoSessionSettings session = session(p.getSession());
    if (session != null) {
      if (!session.payeeAddress().equalsIgnoreCase(p.getRecipient().trim())) {
        throw new IllegalStateException(
            "mpp.tempo.recipient must be the address of mpp.tempo.session.payee-key ("
                + session.payeeAddress()
                + ") when sessions are served");
      }
      tempo.session(session);
    }
    return tempo.build();
  }

  private static void limits(TempoMethod.Builder tempo, TempoProperties p) {
    if (p.getReplayTtl() != null) {
      setting("mpp.tempo.replay-ttl", () -> tempo.replayTtl(p.getReplayTtl()));
    }
    if (p.getMaxExpiringWindow() != null) {
      setting(
          "mpp.tempo.max-expiring-window", () -> tempo.maxExpiringWindow(p.getMaxExpiringWindow()));
    }
    Integer total = p.getMaxConcurrentBroadcasts();
    Integer perPayer = p.getMaxBroadcastsPerPayer();
    if (total != null || perPayer != null) {
      int t = total != null ? total : Math.max(DEFAULT_BROADCASTS, perPayer);
      int each = perPayer != null ? perPayer : Math.min(DEFAULT_BROADCASTS_PER_PAYER, t);
      setting(
          "mpp.tempo.max-concurrent-broadcasts/max-broadcasts-per-payer",
          () -> tempo.maxConcurrentBroadcasts(t, each));
    }
  }

  private static void splits(TempoMethod.Builder tempo, List<TempoProperties.Split> splits) {
    for (int i = 0; i < splits.size(); i++) {
      String property = "mpp.tempo.splits[" + i + "]";
      TempoProperties.Split split = splits.get(i);
      String recipient = required(split.getRecipient(), property + ".recipient");
      String decimal = required(split.getAmount(), property + ".amount");
      Price amount = setting(property + ".amount", () -> Price.of(decimal));
      String memo = hasText(split.getMemo()) ? split.getMemo().trim() : null;
      tempo.split(setting(property, () -> new TempoSplit(recipient, amount, memo)));
    }
  }

  /** The session settings, when escrow and payee key are both set; null when none is. */
  private static TempoSessionSettings session(TempoSessionProperties p) {
    boolean escrow = hasText(p.getEscrow());
    boolean payeeKey = hasText(p.getPayeeKey());
    if (!escrow || !payeeKey) {
      if (escrow || payeeKey || p.hasPolicy()) {
        throw new IllegalStateException(
            "mpp.tempo.session."
                + (escrow ? "payee-key" : payeeKey ? "escrow" : "escrow and payee-key")
                + " must be set to serve sessions (mpp.tempo.session.*)");
      }
      return null;
    }
    TempoSessionSettings.Builder session = TempoSessionSettings.builder();
    setting("mpp.tempo.session.escrow", () -> session.escrow(p.getEscrow().trim()));
    privateKey(
        "mpp.tempo.session.payee-key", () -> session.payeeKey(Secret.of(p.getPayeeKey().trim())));
    if (hasText(p.getPayeeFeeToken())) {
      setting(
          "mpp.tempo.session.payee-fee-token",
          () -> session.payeeFeeToken(p.getPayeeFeeToken().trim()));
    }
    if (hasText(p.getSuggestedDeposit())) {
      setting(
          "mpp.tempo.session.suggested-deposit",
          () -> session.suggestedDeposit(p.getSuggestedDeposit().trim()));
    }
    if (hasText(p.getMinDeposit())) {
      setting("mpp.tempo.session.min-deposit", () -> session.minDeposit(p.getMinDeposit().trim()));
    }
    if (p.getMinVoucherDelta() != null) {
      setting(
          "mpp.tempo.session.min-voucher-delta",
          () -> session.minVoucherDelta(p.getMinVoucherDelta()));
    }
    if (hasText(p.getSettleAbove())) {
      setting(
          "mpp.tempo.session.settle-above", () -> session.settleAbove(p.getSettleAbove().trim()));
    }
    if (p.getSettleEvery() != null) {
      setting("mpp.tempo.session.settle-every", () -> session.settleEvery(p.getSettleEvery()));
    }
    if (p.getVoucherRateLimit() != null || p.getVoucherBurst() != null) {
      int rate =
          p.getVoucherRateLimit() != null
              ? p.getVoucherRateLimit()
              : TempoSessionSettings.DEFAULT_VOUCHER_RATE;
      int burst =
          p.getVoucherBurst() != null
              ? p.getVoucherBurst()
              : TempoSessionSettings.DEFAULT_VOUCHER_BURST;
      setting(
          "mpp.tempo.session.voucher-rate-limit/voucher-burst",
          () -> session.voucherRateLimit(rate, burst));
    }
    return session.build();
  }

  /** Applies a key; its refusal names the property but never repeats the key. */
  private static void privateKey(String property, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          property + " must be a 32-byte secp256k1 private key in 0x-hex");
    }
  }

  private static String required(String value, String property) {
    if (!hasText(value)) {
      throw new IllegalStateException(property + " is required");
    }
    return value.trim();
  }

  /** Applies one setting; the builder's refusal becomes a start-up error naming the property. */
  private static <T> T setting(String property, Supplier<T> apply) {
    try {
      return apply.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Invalid " + property + ": " + e.getMessage());
    }
  }

  static StripeMethod stripe(StripeProperties p) {
    if (!hasText(p.getNetworkId())) {
      throw new IllegalStateException(
          "mpp.stripe.network-id is required with mpp.stripe.secret-key");
    }
    StripeMethod.Builder stripe =
        StripeMethod.builder()
            .secretKey(Secret.of(p.getSecretKey().trim()))
            .networkId(p.getNetworkId().trim())
            .paymentMethodTypes(p.getPaymentMethodTypes().toArray(String[]::new))
            .currency(p.getCurrency())
            .allowInsecureApiBase(p.isAllowInsecureApiBase())
            .connectTimeout(p.getConnectTimeout())
            .readTimeout(p.getReadTimeout());
    if (hasText(p.getApiBase())) {
      stripe.apiBase(p.getApiBase().trim());
    }
    if (hasText(p.getStripeAccount())) {
      stripe.stripeAccount(p.getStripeAccount().trim());
    }
    return stripe.build();
  }

  static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
