package io.mpp4j.tempo;

import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a {@link TempoMethod} serves the {@code subscription} intent (draft-tempo-subscription-00):
 * the key that derives and seals its access keys, how long a subscription lasts unless an offer
 * says otherwise, the grace period after a failed renewal, how often a failed renewal is retried,
 * and the gas and fee limits of the transactions it sends.
 *
 * <pre>{@code
 * TempoSubscriptionSettings settings = TempoSubscriptionSettings.builder()
 *     .accessKeySecret(Secret.of(System.getenv("MPP_SUBSCRIPTION_KEY")))
 *     .gracePeriod(Duration.ofHours(6))
 *     .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class TempoSubscriptionSettings {
  private final Secret accessKeySecret;
  private final Duration defaultLength;
  private final Duration gracePeriod;
  private final Duration retryInterval;
  private final Duration renewalWait;
  private final Duration chainTimeRefresh;
  private final Duration validity;
  private final long activationGas;
  private final long renewalGas;
  private final BigInteger maxFeePerGas;
  private final Function<PaymentExchange, Optional<String>> subscriber;

  private TempoSubscriptionSettings(Builder b) {
    this.accessKeySecret = b.accessKeySecret;
    this.defaultLength = b.defaultLength;
    this.gracePeriod = b.gracePeriod;
    this.retryInterval = b.retryInterval;
    this.renewalWait = b.renewalWait;
    this.chainTimeRefresh = b.chainTimeRefresh;
    this.validity = b.validity;
    this.activationGas = b.activationGas;
    this.renewalGas = b.renewalGas;
    this.maxFeePerGas = b.maxFeePerGas;
    this.subscriber = b.subscriber;
  }

  public static Builder builder() {
    return new Builder();
  }

  Secret accessKeySecret() {
    return accessKeySecret;
  }

  /** How long a subscription lasts after its challenge expires, unless the offer says. */
  public Duration defaultLength() {
    return defaultLength;
  }

  /** How long after a period starts an unpaid subscription is still served. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** The least time between two charges tried for the same unpaid period. */
  public Duration retryInterval() {
    return retryInterval;
  }

  Duration renewalWait() {
    return renewalWait;
  }

  Duration chainTimeRefresh() {
    return chainTimeRefresh;
  }

  Duration validity() {
    return validity;
  }

  long activationGas() {
    return activationGas;
  }

  long renewalGas() {
    return renewalGas;
  }

  BigInteger maxFeePerGas() {
    return maxFeePerGas;
  }

  Function<PaymentExchange, Optional<String>> subscriber() {
    return subscriber;
  }

  @Override
  public String toString() {
    return "TempoSubscriptionSettings[grace=" + gracePeriod + ", retry=" + retryInterval + "]";
  }

  /** Configures {@link TempoSubscriptionSettings}. */
  public static final class Builder {
    private Secret accessKeySecret;
    private Duration defaultLength = Duration.ofDays(30);
    private Duration gracePeriod = Duration.ZERO;
    private Duration retryInterval = Duration.ofMinutes(1);
    private Duration renewalWait = Duration.ofSeconds(10);
    private Duration chainTimeRefresh = Duration.ofSeconds(1);
    private Duration validity = Duration.ofSeconds(25);
    private long activationGas = 4_000_000;
    private long renewalGas = 300_000;
    private BigInteger maxFeePerGas = BigInteger.TEN.pow(11);
    private Function<PaymentExchange, Optional<String>> subscriber;

    private Builder() {}

    /**
     * How the application recognises a subscriber on a request without a credential
     * (draft-payment-intent-subscription-00 §"Subscription Identifier": authenticated session state
     * or account identity): the payer's address it authenticated (an API key, a session), or empty.
     * Such a request is served within a paid period, and renews the subscription when a new period
     * is due, without a new 402. Unset (the default), every request without a credential gets a
     * challenge, and the payer answers it with a key authorization signed by its account, which is
     * its proof of identity. Never derive the address from a subscription id or other value the
     * client merely presents.
     */
    public Builder subscriber(Function<PaymentExchange, Optional<String>> subscriber) {
      this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
      return this;
    }

    /**
     * The secret (at least 32 bytes, e.g. {@code openssl rand -base64 48}) from which each
     * challenge's access key is derived and with which active subscriptions' keys are sealed
     * (AES-256-GCM) in the store. Required; every instance must share it, and changing it makes the
     * stored keys unusable (their subscriptions cannot be renewed).
     */
    public Builder accessKeySecret(Secret secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < Secret.MIN_HMAC_BYTES) {
        throw new IllegalArgumentException(
            "the subscription access-key secret must be at least "
                + Secret.MIN_HMAC_BYTES
                + " bytes");
      }
      this.accessKeySecret = secret;
      return this;
    }

    /**
     * How long a subscription lasts after its challenge expires ({@code subscriptionExpires}) when
     * the offer names no {@code subscriptionLength}; 30 days by default.
     */
    public Builder defaultLength(Duration length) {
      this.defaultLength = wholeSeconds(length, "default length");
      return this;
    }

    /**
     * How long an unpaid period is still served while its renewal is retried; zero (the default, as
     * the spec has none) answers 402 as soon as a renewal fails. Must be shorter than every offered
     * billing period.
     */
    public Builder gracePeriod(Duration grace) {
      if (Objects.requireNonNull(grace, "grace").isNegative()) {
        throw new IllegalArgumentException("grace period must not be negative");
      }
      this.gracePeriod = grace;
      return this;
    }

    /**
     * The least time between two charges tried for the same unpaid period, by requests or the
     * renewal job; one minute by default.
     */
    public Builder retryInterval(Duration interval) {
      if (Objects.requireNonNull(interval, "interval").isNegative()) {
        throw new IllegalArgumentException("retry interval must not be negative");
      }
      this.retryInterval = interval;
      return this;
    }

    /**
     * How long a request waits for a renewal another request or instance is sending before it
     * answers 503; 10 seconds by default.
     */
    public Builder renewalWait(Duration wait) {
      this.renewalWait = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /**
     * How often chain time (the latest block's timestamp) is read again; one second by default,
     * zero to read it for every decision.
     */
    public Builder chainTimeRefresh(Duration refresh) {
      this.chainTimeRefresh = Objects.requireNonNull(refresh, "refresh");
      return this;
    }

    /** How long a charge transaction stays valid ({@code valid_before}); 25 seconds by default. */
    public Builder validity(Duration validity) {
      this.validity = wholeSeconds(validity, "validity");
      return this;
    }

    /**
     * Gas of the activation (key authorization plus first transfer; about 3.1 million on Tempo T4)
     * and of a renewal; 4,000,000 and 300,000 by default.
     */
    public Builder gas(long activation, long renewal) {
      if (activation <= 0 || renewal <= 0) {
        throw new IllegalArgumentException("gas limits must be positive");
      }
      this.activationGas = activation;
      this.renewalGas = renewal;
      return this;
    }

    /** The highest fee per gas the fee payer pays for a charge; 100 gwei by default. */
    public Builder maxFeePerGas(BigInteger wei) {
      if (Objects.requireNonNull(wei, "wei").signum() <= 0) {
        throw new IllegalArgumentException("max fee per gas must be positive");
      }
      this.maxFeePerGas = wei;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException when no access-key secret was given
     */
    public TempoSubscriptionSettings build() {
      if (accessKeySecret == null) {
        throw new IllegalStateException(
            "subscriptions need an access-key secret: the server's access keys are derived from"
                + " it and sealed with it");
      }
      return new TempoSubscriptionSettings(this);
    }

    private static Duration wholeSeconds(Duration value, String what) {
      if (Objects.requireNonNull(value, what).isNegative()
          || value.isZero()
          || value.getNano() != 0) {
        throw new IllegalArgumentException(what + " must be whole positive seconds");
      }
      return value;
    }
  }
}
