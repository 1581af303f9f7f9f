package io.mpp4j.chain;

/**
 * A JSON-RPC call that did not produce a usable result. Its message is for logs only: clients never
 * see node error text.
 */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed, which decides whether a broadcast may have happened. */
  public enum Kind {
    /** The node could not be reached; the request was never sent. */
    UNREACHABLE,
    /** No answer in time; the node may have acted on the request. */
    TIMEOUT,
    /** An HTTP error status or a body that is not a JSON-RPC response. */
    BAD_RESPONSE,
    /** A JSON-RPC error object: the node refused the request. */
    ERROR
  }

  /** JSON-RPC 2.0 section 5.1: the method does not exist or is not available. */
  public static final int METHOD_NOT_FOUND = -32601;

  private final Kind kind;
  private final long code;

  /** A failure of {@code kind}; {@code code} is the JSON-RPC error code, or 0. */
  public RpcException(Kind kind, long code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
  }

  /** An HTTP error status or a reply that is not a JSON-RPC response. */
  public static RpcException badResponse(String message) {
    return new RpcException(Kind.BAD_RESPONSE, 0, message, null);
  }

  /** Why the call failed. */
  public Kind kind() {
    return kind;
  }

  /** The JSON-RPC error code, or 0 when there was no error object. */
  public long code() {
    return code;
  }

  /** Whether the node said it does not know the method (so a fallback may be tried). */
  public boolean isMethodNotFound() {
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
