package io.mpp4j.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mpp.stripe.* settings: card payments with Stripe shared payment tokens (needs
 * mpp-method-stripe on the classpath). The method is configured when secret-key is set; network-id
 * is then required.
 *
 * @since 0.2.0
 */
public class StripeProperties {
  /** The Stripe secret (sk_...) or restricted (rk_...) API key. Setting it configures Stripe. */
  private String secretKey;

  /** The seller's Stripe Business Network profile id (profile_...). */
  private String networkId;

  /** The payment method types accepted. */
  private List<String> paymentMethodTypes = new ArrayList<>(List.of("card"));

  /** The currency of offers that name none. */
  private String currency = "usd";

  /** Connect: charge directly on this connected account (the Stripe-Account header). */
  private String stripeAccount;

  /** The Stripe API base URL (a mock server in tests); HTTPS unless loopback. */
  private String apiBase;

  /** INSECURE: accept a plain-http API base on a non-loopback host. */
  private boolean allowInsecureApiBase;

  /** How long to wait for a connection to Stripe. */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /** How long to wait for Stripe's answer. */
  private Duration readTimeout = Duration.ofSeconds(30);

  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public String getNetworkId() {
    return networkId;
  }

  public void setNetworkId(String networkId) {
    this.networkId = networkId;
  }

  public List<String> getPaymentMethodTypes() {
    return paymentMethodTypes;
  }

  public void setPaymentMethodTypes(List<String> paymentMethodTypes) {
    this.paymentMethodTypes = paymentMethodTypes;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String getStripeAccount() {
    return stripeAccount;
  }

  public void setStripeAccount(String stripeAccount) {
    this.stripeAccount = stripeAccount;
  }

  public String getApiBase() {
    return apiBase;
  }

  public void setApiBase(String apiBase) {
    this.apiBase = apiBase;
  }

  public boolean isAllowInsecureApiBase() {
    return allowInsecureApiBase;
  }

  public void setAllowInsecureApiBase(boolean allowInsecureApiBase) {
    this.allowInsecureApiBase = allowInsecureApiBase;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }
}
