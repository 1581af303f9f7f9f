package io.mpp4j.core.store;

/**
 * The store could not be reached, timed out, or is full. Callers must fail closed: no payment is
 * accepted while the store cannot prove it is single-use.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
