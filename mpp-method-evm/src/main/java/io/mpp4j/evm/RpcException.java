package io.mpp4j.evm;

/**
 * A JSON-RPC call that did not produce a usable result. Its message is for logs only: clients never
 * see node error text.
 */
final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed, which decides whether a broadcast may have happened. */
  enum Kind {
    /** The node could not be reached; the request was never sent. */
    UNREACHABLE,
    /** No answer in time; the node may have acted on the request. */
    TIMEOUT,
    /** An HTTP error status or a body that is not a JSON-RPC response. */
    BAD_RESPONSE,
    /** A JSON-RPC error object: the node refused the request. */
    ERROR
  }

  static final int METHOD_NOT_FOUND = -32601;

  private final Kind kind;
  private final long code;

  RpcException(Kind kind, long code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
  }

  static RpcException badResponse(String message) {
    return new RpcException(Kind.BAD_RESPONSE, 0, message, null);
  }

  Kind kind() {
    return kind;
  }

  long code() {
    return code;
  }

  /** Whether the node said it does not know the method (so a fallback may be tried). */
  boolean isMethodNotFound() {
    if (kind != Kind.ERROR) {
      return false;
    }
    if (code == METHOD_NOT_FOUND) {
      return true;
    }
    String text = getMessage() == null ? "" : getMessage().toLowerCase(java.util.Locale.ROOT);
    return text.contains("method not found")
        || text.contains("does not exist")
        || text.contains("not supported");
  }
}
