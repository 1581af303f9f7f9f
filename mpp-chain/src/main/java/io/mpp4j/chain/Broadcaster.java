package io.mpp4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Submits a signed transaction and waits for its receipt: {@code eth_sendRawTransactionSync}
 * (EIP-7966), or {@code eth_sendRawTransaction} plus receipt polling on nodes without it. Every
 * failure says whether the transaction may have reached the network, which decides whether its
 * replay claim can be released.
 */
public final class Broadcaster {
  /** EIP-7966: the node accepted the transaction but gave up waiting for its receipt. */
  public static final long SYNC_TIMEOUT_CODE = 4;

  private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

  private final JsonRpc rpc;
  private final Duration receiptTimeout;
  private final Duration pollInterval;
  private volatile boolean syncUnsupported;

  /**
   * A broadcaster over {@code rpc}.
   *
   * @param receiptTimeout how long a broadcast waits for its receipt
   * @param pollInterval the pause between receipt polls when the node lacks the sync send
   */
  public Broadcaster(JsonRpc rpc, Duration receiptTimeout, Duration pollInterval) {
    this.rpc = rpc;
    this.receiptTimeout = receiptTimeout;
    this.pollInterval = pollInterval;
  }

  /** The outcome of a broadcast that produced no receipt. */
  public static final class BroadcastException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean maybeSent;
    private final boolean rejected;

    public BroadcastException(
        String message, boolean maybeSent, boolean rejected, Throwable cause) {
      super(message, cause, false, false);
      this.maybeSent = maybeSent;
      this.rejected = rejected;
    }

    /** Whether the transaction may be in the network (its claim must then be kept). */
    public boolean maybeSent() {
      return maybeSent;
    }

    /** Whether the node refused the transaction (a client error, not an outage). */
    public boolean rejected() {
      return rejected;
    }
  }

  /**
   * Broadcasts {@code raw} and returns its receipt.
   *
   * @throws BroadcastException when no receipt was obtained
   */
  public JsonNode send(String raw, String hash) {
    if (!syncUnsupported) {
      try {
        return present(rpc.call(receiptTimeout, "eth_sendRawTransactionSync", raw));
      } catch (RpcException e) {
        if (e.isMethodNotFound()) {
          syncUnsupported = true;
          LOG.log(System.Logger.Level.INFO, "node lacks eth_sendRawTransactionSync; polling");
        } else if (e.kind() == RpcException.Kind.ERROR && isNotYetConfirmed(e)) {
          return poll(hash);
        } else {
          throw failure(e);
        }
      }
    }
    try {
      rpc.call("eth_sendRawTransaction", raw);
    } catch (RpcException e) {
      throw failure(e);
    }
    return poll(hash);
  }

  private JsonNode poll(String hash) {
    Instant deadline = Instant.now().plus(receiptTimeout);
    while (true) {
      JsonNode receipt;
      try {
        receipt = rpc.call("eth_getTransactionReceipt", hash);
      } catch (RpcException e) {
        throw new BroadcastException(e.getMessage(), true, false, e);
      }
      if (receipt != null && receipt.isObject()) {
        return receipt;
      }
      if (Instant.now().plus(pollInterval).isAfter(deadline)) {
        throw new BroadcastException("no receipt before the deadline", true, false, null);
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BroadcastException("interrupted while waiting for a receipt", true, false, e);
      }
    }
  }

  private static JsonNode present(JsonNode receipt) {
    if (receipt == null || !receipt.isObject()) {
      throw new BroadcastException("sync send returned no receipt", true, false, null);
    }
    return receipt;
  }

  private static BroadcastException failure(RpcException e) {
    return switch (e.kind()) {
      case UNREACHABLE -> new BroadcastException(e.getMessage(), false, false, e);
      case ERROR ->
          isNotYetConfirmed(e)
              ? new BroadcastException(e.getMessage(), true, false, e)
              : new BroadcastException(e.getMessage(), false, true, e);
      case TIMEOUT, BAD_RESPONSE -> new BroadcastException(e.getMessage(), true, false, e);
    };
  }

  /**
   * Whether a node error means "accepted, not confirmed yet" rather than a refusal: the node's
   * confirmation wait timed out (e.g. {@code -32603 Transaction confirmation timeout}), or it
   * already holds the transaction. Such an answer is an unknown outcome, never a rejection.
   */
  public static boolean isNotYetConfirmed(RpcException e) {
    if (e.code() == SYNC_TIMEOUT_CODE) {
      return true;
    }
    String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return text.contains("timeout")
        || text.contains("timed out")
        || text.contains("not confirmed")
        || text.contains("already known")
        || text.contains("already imported");
  }
}
