package io.mpp4j.core.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code Accept-Payment} request header (draft-httpauth-payment-00 §7): ranges {@code
 * method/intent} with wildcards and q-values. An absent or malformed header accepts everything;
 * ranges with {@code q=0} exclude; the most specific matching range decides an offer's weight; ties
 * keep the server's order.
 */
public final class AcceptPayment {
  private record Range(String method, String intent, double q) {
    int specificity() {
      return (method.equals("*") ? 0 : 2) + (intent.equals("*") ? 0 : 1);
    }

    boolean matches(String m, String i) {
      return (method.equals("*") || method.equals(m)) && (intent.equals("*") || intent.equals(i));
    }
  }

  private final List<Range> ranges;

  private AcceptPayment(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** Accepts everything in server order. */
  public static final AcceptPayment ANY = new AcceptPayment(List.of());

  /** Parses the header values; a malformed header is ignored (accepts everything). */
  public static AcceptPayment parse(List<String> headerValues) {
    List<Range> ranges = new ArrayList<>();
    try {
      for (String value : headerValues) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            ranges.add(range(part));
          }
        }
      }
    } catch (CodecException e) {
      return ANY;
    }
    return ranges.isEmpty() ? ANY : new AcceptPayment(List.copyOf(ranges));
  }

  private static Range range(String part) {
    String[] pieces = part.split(";", -1);
    String[] type = pieces[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
    if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty()) {
      throw new CodecException("malformed payment range");
    }
    double q = 1.0;
    for (int i = 1; i < pieces.length; i++) {
      String param = pieces[i].strip();
      if (param.regionMatches(true, 0, "q=", 0, 2)) {
        try {
          q = Double.parseDouble(param.substring(2).strip());
        } catch (NumberFormatException e) {
          throw new CodecException("malformed q-value");
        }
        if (q < 0 || q > 1 || Double.isNaN(q)) {
          throw new CodecException("q-value out of range");
        }
      }
    }
    return new Range(type[0], type[1], q);
  }

  /** The client's weight for {@code method/intent}: 0 excludes it. */
  public double weight(String method, String intent) {
    if (ranges.isEmpty()) {
      return 1.0;
    }
    Range best = null;
    for (Range range : ranges) {
      if (range.matches(method, intent)
          && (best == null || range.specificity() > best.specificity())) {
        best = range;
      }
    }
    return best == null ? 0.0 : best.q();
  }

  /**
   * Orders {@code items} by client preference, dropping excluded ones; when the client accepts none
   * of them, returns them all in server order (the header is advisory).
   */
  public <T> List<T> order(List<T> items, Function<T, String> method, Function<T, String> intent) {
    if (ranges.isEmpty()) {
      return items;
    }
    List<T> kept = new ArrayList<>(items.size());
    for (T item : items) {
      if (weight(method.apply(item), intent.apply(item)) > 0) {
        kept.add(item);
      }
    }
    if (kept.isEmpty()) {
      return items;
    }
    kept.sort(
        Comparator.comparingDouble((T item) -> weight(method.apply(item), intent.apply(item)))
            .reversed());
    return kept;
  }
}
