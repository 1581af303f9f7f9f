package io.mpp4j.core;

import java.util.Objects;

/**
 * How the resource handler answered a paid request, reported to {@link Settlement#complete}: its
 * status, what it consumed (metered intents), and the response to replay for a retry with the same
 * {@code Idempotency-Key}, when the transport captured one.
 *
 * @param status the status the handler answered with
 * @param usage what it consumed
 * @param response the response to replay, or null when none was captured
 * @since 0.2.0
 */
public record Served(int status, Usage usage, StoredResponse response) {
  public Served {
    Objects.requireNonNull(usage, "usage");
  }

  /** A handler that answered {@code status}, consumed nothing metered and was not captured. */
  public static Served status(int status) {
    return new Served(status, Usage.NONE, null);
  }

  public Served usage(Usage usage) {
    return new Served(status, usage, response);
  }

  public Served replayable(StoredResponse response) {
    return new Served(status, usage, response);
  }
}
