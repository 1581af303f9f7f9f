package io.mpp4j.core;

/**
 * How often one credential may pay, chosen by its {@link Intent} (draft-httpauth-payment-00 §11.3
 * "Replay Protection"). The engine provides the atomic primitives (a claim, a versioned
 * compare-and-set in the {@link io.mpp4j.core.store.Store}); the rule decides which it uses.
 *
 * @since 0.2.0
 */
public enum ReplayRule {
  /**
   * The challenge must be unexpired and is claimed before the handler runs, in its canonical form,
   * until it expires: concurrent or later presentations of the same challenge are refused. The
   * claim is released when nothing was settled, and kept when the outcome is unknown.
   */
  SINGLE_USE,

  /**
   * The engine neither checks expiry nor claims the challenge: the handler enforces the intent's
   * own rule through the store (a session's cumulative amount only grows; a subscription charges
   * once per period). {@link VerificationContext#challengeExpired()} tells it whether the challenge
   * is past its expiry.
   */
  HANDLER_MANAGED
}
