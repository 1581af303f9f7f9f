package io.mpp4j.core;

/**
 * What a handler consumed, reported when a request completes, for intents that meter (a session
 * charges {@code units} times its price per unit, e.g. the tokens an LLM generated).
 *
 * @param units units consumed, never negative
 * @since 0.2.0
 */
public record Usage(long units) {
  /** Nothing metered. */
  public static final Usage NONE = new Usage(0);

  public Usage {
    if (units < 0) {
      throw new IllegalArgumentException("units must not be negative");
    }
  }

  public static Usage units(long units) {
    return new Usage(units);
  }
}
