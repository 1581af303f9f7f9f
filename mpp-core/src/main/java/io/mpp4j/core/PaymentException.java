package io.mpp4j.core;

import java.util.Objects;

/**
 * The one unchecked root of every payment failure. Each problem type has its own final subclass
 * (see {@link PaymentExceptions}); the engine turns any of them into a problem response, so nothing
 * reaches the web framework. Messages are written for the paying client: they never contain a
 * credential, a secret or text from an upstream service.
 */
public abstract class PaymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  protected PaymentException(ProblemType type, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause, false, false);
    this.type = Objects.requireNonNull(type, "type");
  }

  public ProblemType type() {
    return type;
  }

  /** Client-safe explanation, used as the problem's {@code detail}. */
  public String detail() {
    return getMessage();
  }
}
