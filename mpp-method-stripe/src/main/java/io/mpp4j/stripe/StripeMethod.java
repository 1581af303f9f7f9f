package io.mpp4j.stripe;

import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.UpstreamUrls;
import io.mpp4j.core.VerificationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code stripe} payment method, {@code charge} intent (draft-stripe-charge-00): buyers pay by
 * card through a Stripe shared payment token (SPT), which the server turns into a confirmed
 * PaymentIntent.
 *
 * <p>Challenges carry the amount in the currency's smallest unit, the lowercase currency and {@code
 * methodDetails} {@code networkId}, {@code paymentMethodTypes} and the configured {@code metadata}
 * (§Request Schema). Connect parameters are configured here, validated when built and never put in
 * a challenge. Verification (§Verification Procedure, §Settlement Procedure) claims the token once,
 * then creates and confirms one PaymentIntent with the idempotency key {@code
 * mpp_<challengeId>_<spt>}; only {@code succeeded} pays. One Stripe client serves every request.
 *
 * <pre>{@code
 * StripeMethod stripe = StripeMethod.builder()
 *     .secretKey(Secret.of(System.getenv("STRIPE_SECRET_KEY")))
 *     .networkId("profile_1MqDcVKA5fEO2tZvKQm9g8Yj")
 *     .paymentMethodTypes("card", "link")
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StripeMethod implements PaymentMethod {
  /** The method id in challenges. */
  public static final String ID = "stripe";

  /** The Stripe API the client talks to unless {@link Builder#apiBase} says otherwise. */
  public static final String DEFAULT_API_BASE = "https://api.stripe.com";

  /**
   * The {@code Stripe-Version} sent by default: shared payment tokens are a preview feature, only
   * accepted under a {@code .preview} API version enabled for the account.
   */
  public static final String DEFAULT_STRIPE_VERSION = "2026-07-29.preview";

  private final String networkId;
  private final String apiBase;
  private final List<IntentHandler<?>> handlers;

  private StripeMethod(Builder b, ConnectSettings connect, IntentGateway gateway) {
    this.networkId = b.networkId;
    this.apiBase = b.apiBase;
    this.handlers =
        List.of(
            new StripeCharge(
                b.networkId,
                b.paymentMethodTypes,
                b.currency,
                b.metadata,
                connect,
                new ChargeSettlement(
                    gateway, b.metadata, connect, VerificationContext.DEFAULT_REPLAY_TTL)));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<IntentHandler<?>> handlers() {
    return handlers;
  }

  @Override
  public String toString() {
    return "StripeMethod[networkId=" + networkId + ", apiBase=" + apiBase + "]";
  }

  /** Configures a {@link StripeMethod}; every setting is checked by {@link #build()}. */
  public static final class Builder {
    private static final Pattern SECRET_KEY = Pattern.compile("(sk|rk)_[A-Za-z0-9_]{8,}");
    private static final Pattern METHOD_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_METADATA = 47;

    private Secret secretKey;
    private String networkId;
    private final List<String> paymentMethodTypes = new ArrayList<>();
    private String currency = "usd";
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String onBehalfOf;
    private String transferDestination;
    private Long transferAmount;
    private Long applicationFeeAmount;
    private String transferGroup;
    private String stripeAccount;
    private String apiBase = DEFAULT_API_BASE;
    private boolean allowInsecureApiBase;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private String stripeVersion = DEFAULT_STRIPE_VERSION;
    private IntentGateway gateway;

    private Builder() {}

    /** The Stripe secret ({@code sk_...}) or restricted ({@code rk_...}) API key. Required. */
    public Builder secretKey(Secret secretKey) {
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /** The seller's Stripe Business Network profile id ({@code profile_...}). Required. */
    public Builder networkId(String networkId) {
      this.networkId = Objects.requireNonNull(networkId, "networkId");
      return this;
    }

    /** The payment method types the seller accepts, e.g. {@code card}, {@code link}. Required. */
    public Builder paymentMethodTypes(String... types) {
      paymentMethodTypes.clear();
      for (String type : types) {
        paymentMethodTypes.add(Objects.requireNonNull(type, "payment method type"));
      }
      return this;
    }

    /** The currency of offers that name none; {@code usd} by default. */
    public Builder currency(String currency) {
      this.currency = Objects.requireNonNull(currency, "currency");
      return this;
    }

    /**
     * A metadata entry bound into every challenge and added to every PaymentIntent. Keys starting
     * with {@code mpp_} are reserved for the SDK's own entries.
     */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Connect: the account the charge is made on behalf of ({@code on_behalf_of}). */
    public Builder onBehalfOf(String accountId) {
      this.onBehalfOf = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** Connect: the destination account of the charge ({@code transfer_data[destination]}). */
    public Builder transferDestination(String accountId) {
      this.transferDestination = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** Connect: how much reaches the destination, in the smallest currency unit. */
    public Builder transferAmount(long amount) {
      this.transferAmount = amount;
      return this;
    }

    /** Connect: the platform's fee, in the smallest currency unit. */
    public Builder applicationFeeAmount(long amount) {
      this.applicationFeeAmount = amount;
      return this;
    }

    /** Connect: the transfer group of the charge; must not be secret. */
    public Builder transferGroup(String group) {
      this.transferGroup = Objects.requireNonNull(group, "group");
      return this;
    }

    /** Connect: charge directly on a connected account (the {@code Stripe-Account} header). */
    public Builder stripeAccount(String accountId) {
      this.stripeAccount = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /**
     * The Stripe API base URL; override for tests (e.g. a WireMock server). It must be {@code
     * https} unless its host is a loopback address or {@link #allowInsecureApiBase} is set.
     */
    public Builder apiBase(String apiBase) {
      this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
      return this;
    }

    /** INSECURE: accepts a plain {@code http} API base on a non-loopback host. Off by default. */
    public Builder allowInsecureApiBase(boolean allow) {
      this.allowInsecureApiBase = allow;
      return this;
    }

    /** How long to wait for a connection to Stripe; 5 seconds by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for Stripe's answer; 30 seconds by default. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** The {@code Stripe-Version} header; {@link #DEFAULT_STRIPE_VERSION} by default. */
    public Builder stripeVersion(String version) {
      this.stripeVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Replaces the Stripe client (tests and the conformance operation). */
    Builder gateway(IntentGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /**
     * Builds the method and its Stripe client.
     *
     * @throws IllegalStateException when a required setting is missing
     * @throws IllegalArgumentException when a setting is malformed or Connect settings conflict
     */
    public StripeMethod build() {
      if (secretKey == null || networkId == null || paymentMethodTypes.isEmpty()) {
        throw new IllegalStateException("secretKey, networkId and paymentMethodTypes are required");
      }
      if (!SECRET_KEY.matcher(new String(secretKey.bytes(), StandardCharsets.UTF_8)).matches()) {
        throw new IllegalArgumentException("secretKey must be a Stripe sk_ or rk_ key");
      }
      if (networkId.isBlank()) {
        throw new IllegalArgumentException("networkId must not be blank");
      }
      for (String type : paymentMethodTypes) {
        if (!METHOD_TYPE.matcher(type).matches()) {
          throw new IllegalArgumentException("not a Stripe payment method type: " + type);
        }
      }
      currency = CurrencyUnits.normalize(currency);
      checkMetadata();
      checkApiBase();
      ConnectSettings connect =
          new ConnectSettings(
              onBehalfOf,
              transferDestination,
              transferAmount,
              applicationFeeAmount,
              transferGroup,
              stripeAccount);
      IntentGateway client =
          gateway != null
              ? gateway
              : new StripeJavaGateway(
                  secretKey, apiBase, connectTimeout, readTimeout, stripeVersion);
      return new StripeMethod(this, connect, client);
    }

    private void checkMetadata() {
      if (metadata.size() > MAX_METADATA) {
        throw new IllegalArgumentException("at most " + MAX_METADATA + " metadata entries");
      }
      metadata.forEach(
          (key, value) -> {
            if (key.isEmpty() || key.length() > 40 || key.contains("[") || key.contains("]")) {
              throw new IllegalArgumentException(
                  "metadata keys are 1-40 characters without brackets: " + key);
            }
            if (key.startsWith("mpp_")) {
              throw new IllegalArgumentException("metadata keys starting with mpp_ are reserved");
            }
            if (value.length() > 500) {
              throw new IllegalArgumentException("metadata values have at most 500 characters");
            }
          });
    }

    private void checkApiBase() {
      URI uri;
      try {
        uri = new URI(apiBase);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("apiBase is not a URI", e);
      }
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("apiBase must be an http(s) URL");
      }
      UpstreamUrls.requireSecure(
          uri, allowInsecureApiBase, "Stripe apiBase", "allowInsecureApiBase");
    }

    private static Duration positive(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return timeout;
    }

    @Override
    public String toString() {
      return "StripeMethod.Builder[networkId=" + networkId + ", secretKey=REDACTED]";
    }
  }
}
