package io.mpp4j.core;

import java.util.Objects;

/**
 * A payment intent (draft-httpauth-payment-00 §4: "the kind of payment being requested"): its name
 * in challenges, the type of its {@code request}, and its {@link ReplayRule}, which decides how
 * often one credential pays. Methods serve an intent through an {@link IntentHandler}; the engine
 * dispatches credentials by method id and intent name.
 *
 * <pre>{@code
 * Intent<ChargeRequest> charge = Intent.CHARGE;   // single-use challenges
 * Intent<SessionRequest> session = Intent.SESSION; // a channel's vouchers, cumulative
 * }</pre>
 *
 * @param <R> the intent's request type
 * @since 0.2.0
 */
public final class Intent<R extends IntentRequest> {
  /** One-time payment (draft-payment-intent-charge-00): each challenge is paid at most once. */
  public static final Intent<ChargeRequest> CHARGE =
      new Intent<>("charge", ChargeRequest.class, ReplayRule.SINGLE_USE, false);

  /**
   * Payment channel with cumulative vouchers (draft-tempo-session-00): one challenge serves many
   * vouchers; the handler keeps each channel's accepted amount growing with compare-and-set.
   */
  public static final Intent<SessionRequest> SESSION =
      new Intent<>("session", SessionRequest.class, ReplayRule.HANDLER_MANAGED, true);

  /**
   * Recurring payment (draft-payment-intent-subscription-00): the activating credential is
   * single-use; the grant it creates is reused until the period ends, which the handler tracks.
   */
  public static final Intent<SubscriptionRequest> SUBSCRIPTION =
      new Intent<>("subscription", SubscriptionRequest.class, ReplayRule.HANDLER_MANAGED, false);

  private final String name;
  private final Class<R> requestType;
  private final ReplayRule replayRule;
  private final boolean resourceBound;

  private Intent(String name, Class<R> requestType, ReplayRule replayRule, boolean resourceBound) {
    this.name = Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("intent names are lowercase: " + name);
    }
    this.requestType = Objects.requireNonNull(requestType, "requestType");
    this.replayRule = Objects.requireNonNull(replayRule, "replayRule");
    this.resourceBound = resourceBound;
  }

  /** An intent this SDK does not define, e.g. for a method of your own. */
  public static <R extends IntentRequest> Intent<R> define(
      String name, Class<R> requestType, ReplayRule replayRule) {
    return new Intent<>(name, requestType, replayRule, false);
  }

  /**
   * An intent this SDK does not define whose challenges bind the resource rather than one request
   * (see {@link #resourceBound()}).
   *
   * @since 0.2.0
   */
  public static <R extends IntentRequest> Intent<R> define(
      String name, Class<R> requestType, ReplayRule replayRule, boolean resourceBound) {
    return new Intent<>(name, requestType, replayRule, resourceBound);
  }

  /** The name in challenges ({@code charge}, {@code session}). */
  public String name() {
    return name;
  }

  public Class<R> requestType() {
    return requestType;
  }

  public ReplayRule replayRule() {
    return replayRule;
  }

  /**
   * Whether a challenge of this intent binds its resource rather than the one request it was issued
   * for: its credentials are also accepted on other HTTP methods of the same resource and on
   * requests without the body the challenge bound. A session's vouchers and close arrive that way
   * (draft-tempo-session-00 §"Voucher Submission Transport": the same resource URI, any HTTP
   * method); the handler learns from {@link VerificationContext#sameRequest()} which case it has.
   *
   * @since 0.2.0
   */
  public boolean resourceBound() {
    return resourceBound;
  }

  @Override
  public String toString() {
    return name;
  }
}
