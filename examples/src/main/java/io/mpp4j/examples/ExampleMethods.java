package io.mpp4j.examples;

import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.evm.EvmMethod;
import io.mpp4j.stripe.StripeMethod;
import io.mpp4j.tempo.TempoChain;
import io.mpp4j.tempo.TempoMethod;
import io.mpp4j.tempo.TempoSessionSettings;
import io.mpp4j.tempo.TempoSubscriptionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the payment methods the example server offers from its environment: Tempo when {@code
 * MPP_TEMPO_*} is set, Stripe when {@code MPP_STRIPE_SECRET_KEY} is set (its offers appear only
 * then), EVM (and with it x402) when {@code MPP_EVM_RECIPIENT} is set. The order here is the order
 * of the challenges.
 */
public final class ExampleMethods {
  public static final String TEMPO_RPC_URL = "MPP_TEMPO_RPC_URL";
  public static final String TEMPO_CHAIN_ID = "MPP_TEMPO_CHAIN_ID";
  public static final String TEMPO_CURRENCY = "MPP_TEMPO_CURRENCY";
  public static final String TEMPO_RECIPIENT = "MPP_TEMPO_RECIPIENT";
  public static final String TEMPO_FEE_PAYER_KEY = "MPP_TEMPO_FEE_PAYER_KEY";
  public static final String TEMPO_ESCROW = "MPP_TEMPO_ESCROW";
  public static final String TEMPO_PAYEE_KEY = "MPP_TEMPO_PAYEE_KEY";
  public static final String TEMPO_PAYEE_FEE_TOKEN = "MPP_TEMPO_PAYEE_FEE_TOKEN";
  public static final String TEMPO_SUGGESTED_DEPOSIT = "MPP_TEMPO_SUGGESTED_DEPOSIT";
  public static final String TEMPO_VOUCHER_RATE_LIMIT = "MPP_TEMPO_VOUCHER_RATE_LIMIT";
  public static final String SUBSCRIPTION_KEY = "MPP_SUBSCRIPTION_KEY";
  public static final String SUBSCRIPTION_GRACE = "MPP_SUBSCRIPTION_GRACE";

  public static final String STRIPE_SECRET_KEY = "MPP_STRIPE_SECRET_KEY";
  public static final String STRIPE_NETWORK_ID = "MPP_STRIPE_NETWORK_ID";
  public static final String STRIPE_API_BASE = "MPP_STRIPE_API_BASE";
  public static final String EVM_RPC_URL = "MPP_EVM_RPC_URL";
  public static final String EVM_CHAIN_ID = "MPP_EVM_CHAIN_ID";
  public static final String EVM_CURRENCY = "MPP_EVM_CURRENCY";
  public static final String EVM_TOKEN_NAME = "MPP_EVM_TOKEN_NAME";
  public static final String EVM_TOKEN_VERSION = "MPP_EVM_TOKEN_VERSION";
  public static final String EVM_DECIMALS = "MPP_EVM_DECIMALS";
  public static final String EVM_RECIPIENT = "MPP_EVM_RECIPIENT";
  public static final String EVM_SETTLEMENT_KEY = "MPP_EVM_SETTLEMENT_KEY";

  /**
   * The subscription key used when {@code MPP_SUBSCRIPTION_KEY} is unset and {@code MPP_ALLOW_HTTP}
   * says this is local development; never for a server anyone else pays.
   */
  static final String LOCAL_DEVELOPMENT_SUBSCRIPTION_KEY =
      "mpp4j-example-LOCAL-DEVELOPMENT-ONLY-subscription-key";

  private static final System.Logger LOG = System.getLogger(ExampleMethods.class.getName());

  private ExampleMethods() {}

  /**
   * The configured methods, at least one.
   *
   * @throws IllegalStateException when no payment method is configured
   */
  public static List<PaymentMethod> fromEnvironment(Map<String, String> env) {
    List<PaymentMethod> methods = new ArrayList<>();
    tempo(env).ifPresent(methods::add);
    stripe(env).ifPresent(methods::add);
    evm(env).ifPresent(methods::add);
    if (methods.isEmpty()) {
      throw new IllegalStateException(
          "No payment method is configured. Set "
              + TEMPO_RECIPIENT
              + " for Tempo (Moderato by default; "
              + TEMPO_CHAIN_ID
              + ", "
              + TEMPO_RPC_URL
              + " and "
              + TEMPO_CURRENCY
              + " choose another chain), and/or "
              + STRIPE_SECRET_KEY
              + " with "
              + STRIPE_NETWORK_ID
              + " for Stripe, and/or "
              + EVM_RECIPIENT
              + " with the other MPP_EVM_* settings for EVM and x402 (see docs/example.md).");
    }
    return List.copyOf(methods);
  }

  /**
   * Tempo, when {@code MPP_TEMPO_RECIPIENT} or {@code MPP_TEMPO_PAYEE_KEY} is set (chain 42431,
   * Moderato, by default); sessions too when {@code MPP_TEMPO_ESCROW} and {@code
   * MPP_TEMPO_PAYEE_KEY} are set.
   */
  static Optional<PaymentMethod> tempo(Map<String, String> env) {
    String recipient = value(env, TEMPO_RECIPIENT);
    String payeeKey = value(env, TEMPO_PAYEE_KEY);
    if (recipient == null && payeeKey == null) {
      return Optional.empty();
    }
    TempoMethod.Builder tempo =
        TempoMethod.builder().chainId(number(env, TEMPO_CHAIN_ID, TempoChain.MODERATO.id()));
    if (recipient != null) {
      tempo.recipient(recipient);
    }
    String escrow = value(env, TEMPO_ESCROW);
    if (escrow != null && payeeKey != null) {
      TempoSessionSettings.Builder session =
          TempoSessionSettings.builder().escrow(escrow).payeeKey(Secret.of(payeeKey));
      String feeToken = value(env, TEMPO_PAYEE_FEE_TOKEN);
      if (feeToken != null) {
        session.payeeFeeToken(feeToken);
      }
      String deposit = value(env, TEMPO_SUGGESTED_DEPOSIT);
      if (deposit != null) {
        session.suggestedDeposit(deposit);
      }
      voucherRateLimit(env, session);
      tempo.session(session.build());
    } else if (recipient == null) {
      throw new IllegalStateException(
          TEMPO_PAYEE_KEY + " serves sessions only together with " + TEMPO_ESCROW);
    }
    String rpcUrl = value(env, TEMPO_RPC_URL);
    if (rpcUrl != null) {
      tempo.rpcUrl(rpcUrl);
    }
    String currency = value(env, TEMPO_CURRENCY);
    if (currency != null) {
      tempo.currency(currency);
    }
    String feePayerKey = value(env, TEMPO_FEE_PAYER_KEY);
    if (feePayerKey != null) {
      try {
        tempo.feePayer(Secret.of(feePayerKey));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            TEMPO_FEE_PAYER_KEY + " must be a 32-byte secp256k1 private key in 0x-hex", e);
      }
      tempo.subscriptions(subscriptions(env));
    }
    return Optional.of(tempo.build());
  }

  /**
   * Subscriptions, offered with fee sponsorship: {@code MPP_SUBSCRIPTION_KEY} (at least 32 bytes)
   * derives and seals the server's access keys; unset, the example uses a fixed development key,
   * but only when {@code MPP_ALLOW_HTTP} is true. {@code MPP_SUBSCRIPTION_GRACE} (an ISO-8601
   * duration such as {@code PT6H}) keeps serving a subscriber whose renewal failed.
   */
  static TempoSubscriptionSettings subscriptions(Map<String, String> env) {
    String key = value(env, SUBSCRIPTION_KEY);
    if (key == null) {
      String allowHttp = value(env, "MPP_ALLOW_HTTP");
      if (allowHttp == null || !allowHttp.toLowerCase(Locale.ROOT).matches("true|1|yes")) {
        throw new IllegalStateException(
            SUBSCRIPTION_KEY
                + " is required with "
                + TEMPO_FEE_PAYER_KEY
                + ": it protects the subscriptions' access keys (generate one with: openssl rand"
                + " -base64 48)");
      }
      LOG.log(
          System.Logger.Level.WARNING,
          SUBSCRIPTION_KEY + " is not set: using the local-development subscription key");
      key = LOCAL_DEVELOPMENT_SUBSCRIPTION_KEY;
    }
    TempoSubscriptionSettings.Builder settings = TempoSubscriptionSettings.builder();
    try {
      settings.accessKeySecret(Secret.of(key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SUBSCRIPTION_KEY + " must be at least 32 bytes", e);
    }
    String grace = value(env, SUBSCRIPTION_GRACE);
    if (grace != null) {
      try {
        settings.gracePeriod(Duration.parse(grace));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            SUBSCRIPTION_GRACE + " must be an ISO-8601 duration such as PT6H: " + grace, e);
      }
    }
    return settings.build();
  }

  /**
   * Stripe, when {@code MPP_STRIPE_SECRET_KEY} is set; {@code MPP_STRIPE_NETWORK_ID} is then
   * required.
   */
  static Optional<PaymentMethod> stripe(Map<String, String> env) {
    String secretKey = value(env, STRIPE_SECRET_KEY);
    if (secretKey == null) {
      return Optional.empty();
    }
    String networkId = value(env, STRIPE_NETWORK_ID);
    if (networkId == null) {
      throw new IllegalStateException(STRIPE_NETWORK_ID + " is required with " + STRIPE_SECRET_KEY);
    }
    StripeMethod.Builder stripe =
        StripeMethod.builder()
            .secretKey(Secret.of(secretKey))
            .networkId(networkId)
            .paymentMethodTypes("card");
    String apiBase = value(env, STRIPE_API_BASE);
    if (apiBase != null) {
      stripe.apiBase(apiBase);
    }
    return Optional.of(stripe.build());
  }

  /**
   * EVM (EIP-3009 authorizations, and x402 on the same routes), when {@code MPP_EVM_RECIPIENT} is
   * set; {@code MPP_EVM_RPC_URL}, {@code _CHAIN_ID}, {@code _CURRENCY}, {@code _TOKEN_NAME}, {@code
   * _TOKEN_VERSION} and {@code _SETTLEMENT_KEY} are then required, {@code _DECIMALS} is 6 unless
   * set.
   */
  static Optional<PaymentMethod> evm(Map<String, String> env) {
    String recipient = value(env, EVM_RECIPIENT);
    if (recipient == null) {
      return Optional.empty();
    }
    for (String name :
        List.of(
            EVM_RPC_URL,
            EVM_CHAIN_ID,
            EVM_CURRENCY,
            EVM_TOKEN_NAME,
            EVM_TOKEN_VERSION,
            EVM_SETTLEMENT_KEY)) {
      if (value(env, name) == null) {
        throw new IllegalStateException(name + " is required with " + EVM_RECIPIENT);
      }
    }
    EvmMethod.Builder evm =
        EvmMethod.builder()
            .rpcUrl(value(env, EVM_RPC_URL))
            .chainId(number(env, EVM_CHAIN_ID, 0))
            .currency(value(env, EVM_CURRENCY))
            .token(value(env, EVM_TOKEN_NAME), value(env, EVM_TOKEN_VERSION))
            .decimals((int) number(env, EVM_DECIMALS, 6))
            .recipient(recipient);
    try {
      evm.settlementKey(Secret.of(value(env, EVM_SETTLEMENT_KEY)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          EVM_SETTLEMENT_KEY + " must be a 32-byte secp256k1 private key in 0x-hex", e);
    }
    return Optional.of(evm.build());
  }

  /**
   * {@code MPP_TEMPO_VOUCHER_RATE_LIMIT}: {@code PER_SECOND} or {@code PER_SECOND/BURST} session
   * credentials per channel (10/20 by default; the burst defaults to twice the rate).
   */
  private static void voucherRateLimit(Map<String, String> env, TempoSessionSettings.Builder b) {
    String text = value(env, TEMPO_VOUCHER_RATE_LIMIT);
    if (text == null) {
      return;
    }
    if (!text.matches("[1-9][0-9]{0,8}(/[1-9][0-9]{0,8})?")) {
      throw new IllegalArgumentException(
          TEMPO_VOUCHER_RATE_LIMIT + " must be PER_SECOND or PER_SECOND/BURST: " + text);
    }
    String[] parts = text.split("/");
    int perSecond = Integer.parseInt(parts[0]);
    b.voucherRateLimit(perSecond, parts.length > 1 ? Integer.parseInt(parts[1]) : 2 * perSecond);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }
}
