package io.mpp4j.core;

import java.net.URI;

/**
 * The problem types a payment exchange can end in (draft-httpauth-payment-00 §8, plus the
 * extensions the reference implementation uses). Each fixes its URI under {@code
 * https://paymentauth.org/problems/}, its title and its HTTP status.
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
  BAD_REQUEST("bad-request", "Bad Request", 400),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload Too Large", 413),
  POLICY_DENIED("policy-denied", "Forbidden", 403),
  SERVICE_UNAVAILABLE("service-unavailable", "Service Unavailable", 503);

  /** Base of every problem type URI. */
  public static final String BASE = "https://paymentauth.org/problems/";

  private final String slug;
  private final String title;
  private final int status;
  private final URI uri;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
    this.uri = URI.create(BASE + slug);
  }

  public String slug() {
    return slug;
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

  /** Whether a fresh challenge accompanies this problem (every 402 carries one). */
  public boolean carriesChallenge() {
    return status == 402;
  }
}
