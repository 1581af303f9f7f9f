package io.mpp4j.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One way a route can be paid: a method and intent, a price, and optional overrides of what the
 * method would put in the request by default (currency, recipient, description, external id). The
 * method's {@link IntentHandler} turns an offer into the challenge's {@link IntentRequest}; a route
 * with several offers sends one challenge per offer (draft-httpauth-payment-00 §5.1).
 *
 * @param method payment method id ({@code tempo}, {@code stripe})
 * @param intent payment intent name ({@code charge}, {@code session}, {@code subscription})
 * @param price what to charge: per request, per unit (session) or per period (subscription)
 * @param currency currency override, or null for the method's default
 * @param recipient recipient override, or null for the method's default
 * @param description display text, or null
 * @param externalId merchant reference bound into the request, or null
 * @param meta server correlation data added to {@code opaque}; copied
 * @param terms intent-specific terms ({@link #UNIT_TYPE}, {@link #SUGGESTED_DEPOSIT}, {@link
 *     #PERIOD_UNIT}, ...); copied
 * @param credentialHeader the header the credential must arrive in when not {@code Authorization}
 *     (e.g. {@code Payment-Authorization} on a route that uses {@code Authorization} for API keys),
 *     or null
 * @since 0.1.0
 */
public record Offer(
    String method,
    String intent,
    Price price,
    String currency,
    String recipient,
    String description,
    String externalId,
    Map<String, String> meta,
    Map<String, String> terms,
    String credentialHeader) {

  /** The one-time payment intent. */
  public static final String CHARGE = "charge";

  /** Session term: what one unit is, e.g. {@code llm_token}. */
  public static final String UNIT_TYPE = "unitType";

  /** Session term: the channel deposit the server suggests, as a decimal price. */
  public static final String SUGGESTED_DEPOSIT = "suggestedDeposit";

  /** Subscription term: {@code day}, {@code week} or {@code month}. */
  public static final String PERIOD_UNIT = "periodUnit";

  /** Subscription term: how many period units one billing period lasts. */
  public static final String PERIOD_COUNT = "periodCount";

  /** Subscription term: how long a subscription lasts, as an ISO 8601 duration. */
  public static final String SUBSCRIPTION_LENGTH = "subscriptionLength";

  public Offer {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(price, "price");
    meta = Map.copyOf(meta == null ? Map.of() : meta);
    terms = Map.copyOf(terms == null ? Map.of() : terms);
    if (credentialHeader != null
        && (credentialHeader.isEmpty()
            || credentialHeader.equalsIgnoreCase(Challenge.AUTHORIZATION))) {
      credentialHeader = null;
    }
  }

  /** Starts a {@code charge} offer for {@code method}. */
  public static Builder charge(String method) {
    return new Builder(method, CHARGE);
  }

  /** Starts a {@code session} offer for {@code method}: the price is per unit. */
  public static Builder session(String method) {
    return new Builder(method, Intent.SESSION.name());
  }

  /** Starts a {@code subscription} offer for {@code method}: the price is per period. */
  public static Builder subscription(String method) {
    return new Builder(method, Intent.SUBSCRIPTION.name());
  }

  /** Starts an offer for any intent. */
  public static Builder of(String method, String intent) {
    return new Builder(method, intent);
  }

  /** A copy priced differently (for pricing functions). */
  public Offer withPrice(Price newPrice) {
    return new Offer(
        method,
        intent,
        newPrice,
        currency,
        recipient,
        description,
        externalId,
        meta,
        terms,
        credentialHeader);
  }

  /** A term of the offer, or null. */
  public String term(String name) {
    return terms.get(name);
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
    private String credentialHeader;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final Map<String, String> terms = new LinkedHashMap<>();

    private Builder(String method, String intent) {
      this.method = Objects.requireNonNull(method, "method");
      this.intent = Objects.requireNonNull(intent, "intent");
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

    /** An intent-specific term, e.g. {@link #UNIT_TYPE}. */
    public Builder term(String name, String value) {
      terms.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Session: what one unit is ({@code llm_token}, {@code request}). */
    public Builder unitType(String unitType) {
      return term(UNIT_TYPE, unitType);
    }

    /** Session: the deposit to suggest, as a decimal price ({@code "1.00"}). */
    public Builder suggestedDeposit(String decimal) {
      Price.of(decimal);
      return term(SUGGESTED_DEPOSIT, decimal);
    }

    /** Subscription: the billing period, e.g. {@code period("day", 1)}. */
    public Builder period(String unit, int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("period count must be positive");
      }
      term(PERIOD_UNIT, unit);
      return term(PERIOD_COUNT, Integer.toString(count));
    }

    /**
     * Subscription: how long a subscription lasts after its challenge expires (its {@code
     * subscriptionExpires}), e.g. {@code Duration.ofDays(30)}; whole seconds.
     *
     * @since 0.2.0
     */
    public Builder subscriptionLength(Duration length) {
      if (length.isNegative() || length.isZero() || length.getNano() != 0) {
        throw new IllegalArgumentException("subscription length must be whole positive seconds");
      }
      return term(SUBSCRIPTION_LENGTH, length.toString());
    }

    /** The credential header, when not {@code Authorization} ({@code Payment-Authorization}). */
    public Builder credentialHeader(String header) {
      this.credentialHeader = header;
      return this;
    }

    public Offer build() {
      if (price == null) {
        throw new IllegalStateException("an offer needs a price");
      }
      return new Offer(
          method,
          intent,
          price,
          currency,
          recipient,
          description,
          externalId,
          meta,
          terms,
          credentialHeader);
    }
  }
}
