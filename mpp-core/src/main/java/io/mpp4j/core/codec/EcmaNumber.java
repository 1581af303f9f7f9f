package io.mpp4j.core.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString} for finite doubles (ECMA-262, radix 10), the number form RFC
 * 8785 §3.2.2.3 prescribes: the shortest digit string that reads back as the same double, in plain
 * notation for exponents from -6 to 21 and in {@code e±n} notation otherwise.
 */
final class EcmaNumber {
  private EcmaNumber() {}

  static String toString(double value) {
    if (!Double.isFinite(value)) {
      throw new CodecException("NaN and infinities have no JSON form");
    }
    if (value == 0) {
      return "0"; // also -0
    }
    if (value < 0) {
      return "-" + toString(-value);
    }
    BigDecimal shortest = shortestDigits(value).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    StringBuilder out = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }

  /** The closest decimal with the fewest significant digits that reads back as {@code value}. */
  private static BigDecimal shortestDigits(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
