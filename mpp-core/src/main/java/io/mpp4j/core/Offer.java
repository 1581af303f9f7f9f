package io.mpp4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One way a route can be paid: a method and intent, a price, and optional overrides of what the
 * method would put in the request by default (currency, recipient, description, external id). The
 * method turns an offer into the challenge's {@link ChargeRequest}; a route with several offers
 * sends one challenge per offer.
 *
 * @param method payment method id ({@code tempo}, {@code stripe})
 * @param intent payment intent ({@code charge})
 * @param price what to charge
 * @param currency currency override, or null for the method's default
 * @param recipient recipient override, or null for the method's default
 * @param description display text, or null
 * @param externalId merchant reference bound into the request, or null
 * @param meta server correlation data added to {@code opaque}; copied
 */
public record Offer(
    String method,
    String intent,
    Price price,
    String currency,
    String recipient,
    String description,
    String externalId,
    Map<String, String> meta) {

  /** The one-time payment intent. */
  public static final String CHARGE = "charge";

  public Offer {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(price, "price");
    meta = Map.copyOf(meta == null ? Map.of() : meta);
  }

  /** Starts a {@code charge} offer for {@code method}. */
  public static Builder charge(String method) {
    return new Builder(method, CHARGE);
  }

  /** A copy priced differently (for pricing functions). */
  public Offer withPrice(Price newPrice) {
    return new Offer(method, intent, newPrice, currency, recipient, description, externalId, meta);
  }

  /** Builds an {@link Offer}. */
  public static final class Builder {
    private final String method;
    private final String intent;
    private Price price;
    private String currency;
    private String recipient;
    private String description;
    private String externalId;
    private final Map<String, String> meta = new LinkedHashMap<>();

    private Builder(String method, String intent) {
      this.method = Objects.requireNonNull(method, "method");
      this.intent = intent;
    }

    /** A decimal price, e.g. {@code "0.01"}. */
    public Builder price(String decimal) {
      this.price = Price.of(decimal);
      return this;
    }

    public Builder price(Price price) {
      this.price = Objects.requireNonNull(price, "price");
      return this;
    }

    /** An exact amount in base units. */
    public Builder baseUnits(long amount) {
      this.price = Price.baseUnits(amount);
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder recipient(String recipient) {
      this.recipient = recipient;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder externalId(String externalId) {
      this.externalId = externalId;
      return this;
    }

    public Builder meta(String key, String value) {
      meta.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Offer build() {
      if (price == null) {
        throw new IllegalStateException("an offer needs a price");
      }
      return new Offer(method, intent, price, currency, recipient, description, externalId, meta);
    }
  }
}
