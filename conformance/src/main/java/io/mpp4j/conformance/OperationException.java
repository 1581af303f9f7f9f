package io.mpp4j.conformance;

/**
 * A typed failure of one operation, answered as {@code {"ok":false,"error":{"type":..,
 * "message":..}}}. The type is one of the error types the operation registry allows for the
 * operation ({@code parse_error}, {@code format_error}, {@code encoding_error}, ...).
 */
public final class OperationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;

  public OperationException(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
