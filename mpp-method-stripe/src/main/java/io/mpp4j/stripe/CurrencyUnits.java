package io.mpp4j.stripe;

import io.mpp4j.core.Price;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stripe amounts are integers in the currency's smallest unit (draft-stripe-charge-00 §Request
 * Schema, "amount in smallest currency unit"). Most currencies have two decimals; Stripe's
 * zero-decimal and three-decimal currencies are listed here.
 */
final class CurrencyUnits {
  /** Stripe's largest amount: eight digits in the smallest unit. */
  static final BigInteger MAX_AMOUNT = BigInteger.valueOf(99_999_999L);

  private static final Pattern ISO_CODE = Pattern.compile("[a-z]{3}");
  private static final Set<String> ZERO_DECIMAL =
      Set.of(
          "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
          "xaf", "xof", "xpf");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

  private CurrencyUnits() {}

  /**
   * The lowercase ISO 4217 code.
   *
   * @throws IllegalArgumentException when it is not three ASCII letters
   */
  static String normalize(String currency) {
    String code = Objects.requireNonNull(currency, "currency").toLowerCase(Locale.ROOT);
    if (!ISO_CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("currency must be a three-letter ISO 4217 code");
    }
    return code;
  }

  /** Fraction digits of the smallest unit of a normalised currency code. */
  static int exponent(String code) {
    if (ZERO_DECIMAL.contains(code)) {
      return 0;
    }
    return THREE_DECIMAL.contains(code) ? 3 : 2;
  }

  /**
   * A price in the smallest unit of {@code code}, within what Stripe charges.
   *
   * @throws IllegalArgumentException when it has too many decimals, is zero or is too large
   */
  static BigInteger minorUnits(Price price, String code) {
    BigInteger amount = price.toBaseUnits(exponent(code));
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("Stripe cannot charge a zero amount");
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new IllegalArgumentException("Stripe amounts have at most eight digits");
    }
    return amount;
  }
}
