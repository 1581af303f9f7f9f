package io.mpp4j.core;

import io.mpp4j.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link IntentHandler} needs to verify one credential: the request the route charges now
 * (equal to the echoed one), the echoed challenge and its expiry, the exchange, the shared store
 * for the method's own replay keys and state, and the engine's clock.
 *
 * @param <R> the intent's request type
 * @since 0.1.0
 */
public final class VerificationContext<R extends IntentRequest> {
  /** How long a method's replay key is remembered unless it says otherwise. */
  public static final Duration DEFAULT_REPLAY_TTL = Duration.ofDays(7);

  private final R request;
  private final String realm;
  private final Challenge challenge;
  private final Instant expires;
  private final PaymentExchange exchange;
  private final Store store;
  private final Clock clock;
  private final boolean sameRequest;
  private final String challengeNonce;
  private volatile Submission submission;

  /** What a handler sent to the network or processor (see {@link #submitted}). */
  record Submission(String reference, String recovery) {}

  private VerificationContext(Builder<R> b) {
    this.request = Objects.requireNonNull(b.request, "request");
    this.realm = Objects.requireNonNull(b.realm, "realm");
    this.challenge = Objects.requireNonNull(b.challenge, "challenge");
    this.expires = b.expires;
    this.exchange = Objects.requireNonNull(b.exchange, "exchange");
    this.store = Objects.requireNonNull(b.store, "store");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.sameRequest = b.sameRequest;
    this.challengeNonce = b.challengeNonce;
  }

  /** Starts a context (engines build them; tests of handlers too). */
  public static <R extends IntentRequest> Builder<R> builder(R request, Challenge challenge) {
    return new Builder<>(request, challenge);
  }

  public R request() {
    return request;
  }

  public String realm() {
    return realm;
  }

  /** The echoed challenge, authenticated by the engine. */
  public Challenge challenge() {
    return challenge;
  }

  /**
   * The echoed challenge's random nonce (bound into its id), from which {@link
   * IntentHandler#challengeRequest} made a per-challenge request; empty when it has none.
   *
   * @since 0.2.0
   */
  public Optional<String> challengeNonce() {
    return Optional.ofNullable(challengeNonce);
  }

  /** When the challenge expires; empty when it carries no expiry. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  /** Whether the challenge is past its expiry (or has none), by the engine's clock. */
  public boolean challengeExpired() {
    return expires == null || !clock.instant().isBefore(expires);
  }

  public PaymentExchange exchange() {
    return exchange;
  }

  /**
   * Whether the credential arrived on the request its challenge was issued for (same method,
   * resource and body). Always true for intents that are not {@linkplain Intent#resourceBound()
   * resource-bound}; false when a resource-bound credential arrived on another HTTP method of the
   * same resource or without the body the challenge bound (a session's voucher or close).
   *
   * @since 0.2.0
   */
  public boolean sameRequest() {
    return sameRequest;
  }

  /** The shared store, for a method's state (compare-and-set records). */
  public Store store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Tells the engine the payment now reached the network or processor: {@code reference} is what
   * identifies it there (a transaction hash) and {@code recovery} what {@link
   * IntentHandler#recover} needs to find out how it ended (method-defined; may be null). Call it
   * before sending, so that an unknown outcome can be recovered and a failure after submission is
   * recorded in the ledger.
   */
  public void submitted(String reference, String recovery) {
    this.submission = new Submission(Objects.requireNonNull(reference, "reference"), recovery);
  }

  /** What the handler reported with {@link #submitted}, if anything. */
  Optional<Submission> submission() {
    return Optional.ofNullable(submission);
  }

  /**
   * Claims a method replay key (normalise it first: lowercase hex, no whitespace), or refuses the
   * payment as a replay.
   *
   * @throws PaymentExceptions.VerificationFailed when the key was already claimed
   * @throws PaymentExceptions.ServiceUnavailable when the store cannot be reached
   */
  public void claimOrReject(String namespace, String key, Duration ttl) {
    ReplayClaims.claimOrReject(store, namespace, key, ttl);
  }

  /** Releases a replay key claimed by {@link #claimOrReject} when nothing was settled. */
  public void release(String namespace, String key) {
    ReplayClaims.release(store, namespace, key);
  }

  /** Configures a {@link VerificationContext}. */
  public static final class Builder<R extends IntentRequest> {
    private final R request;
    private final Challenge challenge;
    private String realm;
    private Instant expires;
    private PaymentExchange exchange = PaymentExchange.builder().unscoped().build();
    private Store store;
    private Clock clock = Clock.systemUTC();
    private boolean sameRequest = true;
    private String challengeNonce;

    private Builder(R request, Challenge challenge) {
      this.request = request;
      this.challenge = challenge;
      this.realm = challenge == null ? null : challenge.realm();
    }

    public Builder<R> realm(String realm) {
      this.realm = realm;
      return this;
    }

    public Builder<R> expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    public Builder<R> exchange(PaymentExchange exchange) {
      this.exchange = exchange;
      return this;
    }

    public Builder<R> store(Store store) {
      this.store = store;
      return this;
    }

    public Builder<R> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Whether the credential arrived on the request its challenge was issued for. */
    public Builder<R> sameRequest(boolean sameRequest) {
      this.sameRequest = sameRequest;
      return this;
    }

    /** The echoed challenge's nonce (engines set it). */
    public Builder<R> challengeNonce(String nonce) {
      this.challengeNonce = nonce;
      return this;
    }

    public VerificationContext<R> build() {
      return new VerificationContext<>(this);
    }
  }
}
