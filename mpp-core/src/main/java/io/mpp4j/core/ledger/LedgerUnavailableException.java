package io.mpp4j.core.ledger;

/**
 * The ledger could not be written or read. The engine never refuses a settled payment for it: the
 * failure is logged and published as an event.
 *
 * @since 0.2.0
 */
public final class LedgerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
