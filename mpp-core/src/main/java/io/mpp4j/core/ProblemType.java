package io.mpp4j.core;

import java.net.URI;

/**
 * The problem types a payment exchange can end in (draft-httpauth-payment-00 §8; the session types
 * of draft-tempo-session-00 §9; plus the extensions the reference implementation uses). Each fixes
 * its URI under {@code https://paymentauth.org/problems/}, its title and its HTTP status. The few
 * outcomes that are plain HTTP rather than payment problems (a conflicting idempotent retry, a slow
 * body, an internal error) use {@code about:blank} with the status's title (RFC 9457 §4.2.1).
 *
 * @since 0.1.0
 */
public enum ProblemType {
  PAYMENT_REQUIRED("payment-required", "Payment Required", 402),
  PAYMENT_INSUFFICIENT("payment-insufficient", "Payment Insufficient", 402),
  PAYMENT_EXPIRED("payment-expired", "Payment Expired", 402),
  VERIFICATION_FAILED("verification-failed", "Verification Failed", 402),
  METHOD_UNSUPPORTED("method-unsupported", "Method Unsupported", 400),
  MALFORMED_CREDENTIAL("malformed-credential", "Malformed Credential", 402),
  INVALID_CHALLENGE("invalid-challenge", "Invalid Challenge", 402),
  INVALID_PAYLOAD("invalid-payload", "Invalid Payload", 402),
  PAYMENT_ACTION_REQUIRED("payment-action-required", "Payment Action Required", 402),
  SESSION_INVALID_SIGNATURE("session/invalid-signature", "Invalid Signature", 402),
  SESSION_SIGNER_MISMATCH("session/signer-mismatch", "Signer Mismatch", 402),
  SESSION_AMOUNT_EXCEEDS_DEPOSIT("session/amount-exceeds-deposit", "Amount Exceeds Deposit", 402),
  SESSION_DELTA_TOO_SMALL("session/delta-too-small", "Delta Too Small", 402),
  SESSION_CHANNEL_NOT_FOUND("session/channel-not-found", "Channel Not Found", 410),
  SESSION_CHANNEL_FINALIZED("session/channel-finalized", "Channel Finalized", 410),
  SESSION_CHALLENGE_NOT_FOUND("session/challenge-not-found", "Challenge Not Found", 402),
  SESSION_INSUFFICIENT_BALANCE("session/insufficient-balance", "Insufficient Balance", 402),
  BAD_REQUEST("bad-request", "Bad Request", 400),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload Too Large", 413),
  POLICY_DENIED("policy-denied", "Forbidden", 403),
  SERVICE_UNAVAILABLE("service-unavailable", "Service Unavailable", 503),
  REQUEST_TIMEOUT(null, "Request Timeout", 408),
  CONFLICT(null, "Conflict", 409),
  /** Too many credentials in too short a time, e.g. session vouchers over the per-channel limit. */
  TOO_MANY_REQUESTS(null, "Too Many Requests", 429),
  UNPROCESSABLE(null, "Unprocessable Content", 422),
  INTERNAL_ERROR(null, "Internal Server Error", 500);

  /** Base of every payment problem type URI. */
  public static final String BASE = "https://paymentauth.org/problems/";

  private final String slug;
  private final String title;
  private final int status;
  private final URI uri;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
    this.uri = URI.create(slug == null ? "about:blank" : BASE + slug);
  }

  /** The path of the type under {@link #BASE}, e.g. {@code session/channel-not-found}. */
  public String slug() {
    return slug == null ? "about:blank" : slug;
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }

  public URI uri() {
    return uri;
  }

  /**
   * Whether a fresh challenge accompanies this problem: every payment problem of a paid resource
   * does (a 402, and the session's 410 for a closed channel, per draft-httpauth-payment-00 §8:
   * errors on a protected resource carry a fresh challenge).
   */
  public boolean carriesChallenge() {
    return status == 402 || status == 410;
  }
}
