package io.mpp4j.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a route asks for: either a decimal price in the currency's main unit ({@code "0.01"}),
 * converted with the currency's decimals by the payment method, or an exact amount in base units.
 * Amounts are never {@code double}.
 */
public final class Price {
  private final BigDecimal decimal;
  private final BigInteger baseUnits;
  private final int hash;

  private Price(BigDecimal decimal, BigInteger baseUnits) {
    this.decimal = decimal;
    this.baseUnits = baseUnits;
    this.hash = baseUnits != null ? baseUnits.hashCode() : decimal.stripTrailingZeros().hashCode();
  }

  /** A decimal price such as {@code "0.01"} (one cent of a USD stablecoin). */
  public static Price of(String decimal) {
    BigDecimal value = new BigDecimal(Objects.requireNonNull(decimal, "decimal"));
    if (value.signum() < 0) {
      throw new IllegalArgumentException("price must not be negative");
    }
    return new Price(value, null);
  }

  /** An exact amount in the currency's smallest unit. */
  public static Price baseUnits(BigInteger amount) {
    if (Objects.requireNonNull(amount, "amount").signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    return new Price(null, amount);
  }

  public static Price baseUnits(long amount) {
    return baseUnits(BigInteger.valueOf(amount));
  }

  /**
   * The amount in base units for a currency with {@code decimals} fraction digits.
   *
   * @throws IllegalArgumentException when the price has more fraction digits than the currency
   */
  public BigInteger toBaseUnits(int decimals) {
    if (baseUnits != null) {
      return baseUnits;
    }
    try {
      return decimal.movePointRight(decimals).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "price " + decimal.toPlainString() + " has more than " + decimals + " decimals", e);
    }
  }

  /** Whether this price was given in base units. */
  public boolean isBaseUnits() {
    return baseUnits != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Price p
        && Objects.equals(baseUnits, p.baseUnits)
        && (decimal == null
            ? p.decimal == null
            : p.decimal != null && decimal.compareTo(p.decimal) == 0);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return baseUnits != null ? baseUnits + " base units" : decimal.toPlainString();
  }
}
