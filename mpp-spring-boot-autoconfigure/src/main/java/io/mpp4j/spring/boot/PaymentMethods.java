package io.mpp4j.spring.boot;

import io.mpp4j.core.Secret;
import io.mpp4j.stripe.StripeMethod;
import io.mpp4j.tempo.TempoMethod;
import java.util.List;

/** Builds the payment methods {@code mpp.tempo.*} and {@code mpp.stripe.*} describe. */
final class PaymentMethods {
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
      tempo.feePayer(Secret.of(p.getFeePayerKey().trim()));
    }
    if (hasText(p.getFeeToken())) {
      tempo.feeToken(p.getFeeToken().trim());
    }
    if (hasText(p.getMemo())) {
      tempo.memo(p.getMemo().trim());
    }
    return tempo.build();
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
