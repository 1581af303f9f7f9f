package io.mpp4j.examples;

import io.mpp4j.core.PaymentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the payment methods the example server offers from its environment: Tempo when {@code
 * MPP_TEMPO_*} is set, Stripe when {@code MPP_STRIPE_SECRET_KEY} is set (its offers appear only
 * then). The order here is the order of the challenges.
 */
public final class ExampleMethods {
  public static final String TEMPO_RPC_URL = "MPP_TEMPO_RPC_URL";
  public static final String TEMPO_CHAIN_ID = "MPP_TEMPO_CHAIN_ID";
  public static final String TEMPO_CURRENCY = "MPP_TEMPO_CURRENCY";
  public static final String TEMPO_RECIPIENT = "MPP_TEMPO_RECIPIENT";
  public static final String TEMPO_FEE_PAYER_KEY = "MPP_TEMPO_FEE_PAYER_KEY";
  public static final String STRIPE_SECRET_KEY = "MPP_STRIPE_SECRET_KEY";
  public static final String STRIPE_NETWORK_ID = "MPP_STRIPE_NETWORK_ID";
  public static final String STRIPE_API_BASE = "MPP_STRIPE_API_BASE";

  private ExampleMethods() {}

  /**
   * The configured methods, at least one.
   *
   * @throws IllegalStateException when no payment method is configured
   */
  public static List<PaymentMethod> fromEnvironment(Map<String, String> env) {
    List<PaymentMethod> methods = new ArrayList<>();
    // Tempo (mpp-method-tempo) and Stripe (mpp-method-stripe) are added here from the variables
    // above once those modules are wired into the example.
    if (methods.isEmpty()) {
      throw new IllegalStateException(
          "No payment method is configured. Set "
              + TEMPO_RPC_URL
              + ", "
              + TEMPO_RECIPIENT
              + " and "
              + TEMPO_CURRENCY
              + " for Tempo, and/or "
              + STRIPE_SECRET_KEY
              + " for Stripe (see docs/example.md).");
    }
    return List.copyOf(methods);
  }
}
