package io.mpp4j.core;

/**
 * One final exception per core problem type (draft-httpauth-payment-00 §8). Intent handlers throw
 * these from {@link IntentHandler#verify}; the engine maps them to responses. The session types are
 * in {@link SessionExceptions}.
 *
 * @since 0.1.0
 */
public final class PaymentExceptions {
  private PaymentExceptions() {}

  /** 402 {@code verification-failed}: the proof does not pay what the challenge asks. */
  public static final class VerificationFailed extends PaymentException {
    private static final long serialVersionUID = 1L;

    public VerificationFailed(String detail) {
      super(ProblemType.VERIFICATION_FAILED, detail, null);
    }
  }

  /** 402 {@code payment-insufficient}: a transfer was found but for too little. */
  public static final class PaymentInsufficient extends PaymentException {
    private static final long serialVersionUID = 1L;

    public PaymentInsufficient(String detail) {
      super(ProblemType.PAYMENT_INSUFFICIENT, detail, null);
    }
  }

  /** 402 {@code payment-expired}: the challenge or the signed authorization has expired. */
  public static final class PaymentExpired extends PaymentException {
    private static final long serialVersionUID = 1L;

    public PaymentExpired(String detail) {
      super(ProblemType.PAYMENT_EXPIRED, detail, null);
    }
  }

  /** 402 {@code malformed-credential}: the credential or its payload cannot be decoded. */
  public static final class MalformedCredential extends PaymentException {
    private static final long serialVersionUID = 1L;

    public MalformedCredential(String detail) {
      super(ProblemType.MALFORMED_CREDENTIAL, detail, null);
    }
  }

  /** 402 {@code invalid-challenge}: unknown, forged, already used or not for this route. */
  public static final class InvalidChallenge extends PaymentException {
    private static final long serialVersionUID = 1L;

    public InvalidChallenge(String detail) {
      super(ProblemType.INVALID_CHALLENGE, detail, null);
    }
  }

  /** 402 {@code invalid-payload}: the payload is well-formed JSON but not what the method takes. */
  public static final class InvalidPayload extends PaymentException {
    private static final long serialVersionUID = 1L;

    public InvalidPayload(String detail) {
      super(ProblemType.INVALID_PAYLOAD, detail, null);
    }
  }

  /** 402 {@code payment-action-required}: the payer must act (e.g. 3-D Secure) and retry. */
  public static final class PaymentActionRequired extends PaymentException {
    private static final long serialVersionUID = 1L;

    public PaymentActionRequired(String detail) {
      super(ProblemType.PAYMENT_ACTION_REQUIRED, detail, null);
    }
  }

  /** 400 {@code method-unsupported}: the credential names a method or intent not offered. */
  public static final class MethodUnsupported extends PaymentException {
    private static final long serialVersionUID = 1L;

    public MethodUnsupported(String detail) {
      super(ProblemType.METHOD_UNSUPPORTED, detail, null);
    }
  }

  /** 400 {@code bad-request}: e.g. several credentials in one request. */
  public static final class BadRequest extends PaymentException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String detail) {
      super(ProblemType.BAD_REQUEST, detail, null);
    }
  }

  /** 413: the request body is larger than the configured buffer limit. */
  public static final class PayloadTooLarge extends PaymentException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(String detail) {
      super(ProblemType.PAYLOAD_TOO_LARGE, detail, null);
    }
  }

  /** 403: the payment is valid but a server policy refuses the request. */
  public static final class PolicyDenied extends PaymentException {
    private static final long serialVersionUID = 1L;

    public PolicyDenied(String detail) {
      super(ProblemType.POLICY_DENIED, detail, null);
    }
  }

  /**
   * 503 with {@code Retry-After}: infrastructure (RPC node, processor, store) failed; no payment
   * was accepted. Fail closed.
   */
  public static final class ServiceUnavailable extends PaymentException {
    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    /** Nothing was settled: the engine releases the challenge so the client can retry it. */
    public ServiceUnavailable(String detail, Throwable cause) {
      this(detail, cause, false);
    }

    private ServiceUnavailable(String detail, Throwable cause, boolean outcomeUnknown) {
      super(ProblemType.SERVICE_UNAVAILABLE, detail, cause);
      this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * The payment may have settled (a transaction was sent, a processor call timed out): the engine
     * keeps the challenge claimed, so that the same challenge is never paid twice, records the
     * payment as pending (store and ledger) and resolves it through {@link IntentHandler#recover}
     * when the client retries the same credential, or from its reconciler.
     */
    public static ServiceUnavailable outcomeUnknown(String detail, Throwable cause) {
      return new ServiceUnavailable(detail, cause, true);
    }

    public boolean isOutcomeUnknown() {
      return outcomeUnknown;
    }
  }
}
