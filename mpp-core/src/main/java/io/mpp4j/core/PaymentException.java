package io.mpp4j.core;

import java.util.Map;
import java.util.Objects;

/**
 * The one unchecked root of every payment failure (draft-httpauth-payment-00 §8). Each problem type
 * has its own final subclass in {@link PaymentExceptions}, and the hierarchy is sealed: the engine
 * turns any of them into a problem response, so nothing reaches the web framework. Messages are
 * written for the paying client: they never contain a credential, a secret or text from an upstream
 * service.
 *
 * @since 0.1.0
 */
public abstract sealed class PaymentException extends RuntimeException
    permits PaymentExceptions.VerificationFailed,
        PaymentExceptions.PaymentInsufficient,
        PaymentExceptions.PaymentExpired,
        PaymentExceptions.MalformedCredential,
        PaymentExceptions.InvalidChallenge,
        PaymentExceptions.InvalidPayload,
        PaymentExceptions.PaymentActionRequired,
        PaymentExceptions.MethodUnsupported,
        PaymentExceptions.BadRequest,
        PaymentExceptions.PayloadTooLarge,
        PaymentExceptions.PolicyDenied,
        PaymentExceptions.ServiceUnavailable,
        SessionExceptions.InvalidSignature,
        SessionExceptions.SignerMismatch,
        SessionExceptions.AmountExceedsDeposit,
        SessionExceptions.DeltaTooSmall,
        SessionExceptions.ChannelNotFound,
        SessionExceptions.ChannelFinalized,
        SessionExceptions.ChallengeNotFound,
        SessionExceptions.InsufficientBalance,
        SessionExceptions.TooManyVouchers {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final Map<String, String> members;

  PaymentException(ProblemType type, String detail, Throwable cause) {
    this(type, detail, cause, Map.of());
  }

  PaymentException(ProblemType type, String detail, Throwable cause, Map<String, String> members) {
    super(Objects.requireNonNull(detail, "detail"), cause, false, false);
    this.type = Objects.requireNonNull(type, "type");
    this.members = Map.copyOf(members);
  }

  public ProblemType type() {
    return type;
  }

  /** Client-safe explanation, used as the problem's {@code detail}. */
  public String detail() {
    return getMessage();
  }

  /** Extension members of the problem body, e.g. {@code channelId} or {@code requiredTopUp}. */
  public Map<String, String> members() {
    return members;
  }
}
