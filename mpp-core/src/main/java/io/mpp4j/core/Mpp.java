package io.mpp4j.core;

import io.mpp4j.core.event.PaymentEvent;
import io.mpp4j.core.event.PaymentListener;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.MemoryLedger;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment engine: one instance per server, immutable and thread-safe. For each request to a
 * paid resource it issues challenges, or verifies the credential the transport hands in and settles
 * it through the {@link IntentHandler} of the credential's method and intent
 * (draft-httpauth-payment-00 §5–§8). Every transport (servlet filter, Spring, MCP) is a thin layer
 * over {@link #decide}.
 *
 * <p>Verification order, cheapest first and no I/O before the idempotency check: one credential;
 * decoding; the method and intent offered; the HMAC id (canonical spelling only) and realm; the
 * header it arrived in; realm, request and resource pinned to what this route charges now; body
 * digest; the {@code Idempotency-Key}; the intent's {@link ReplayRule} (a {@code charge} challenge
 * must be unexpired and is claimed once); policy; then the handler. Every refusal is a {@link
 * Decision}: {@code decide} never throws.
 *
 * <pre>{@code
 * Mpp mpp = Mpp.builder()
 *     .realm("api.example.com")
 *     .secret(Secret.of(System.getenv("MPP_SECRET_KEY")))
 *     .method(tempo)
 *     .build();
 * Decision decision = mpp.decide(exchange, List.of(Offer.charge("tempo").price("0.01").build()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Mpp {
  static final System.Logger LOG = System.getLogger(Mpp.class.getName());

  /** Events queued for listeners at most; further ones are dropped and counted. */
  public static final int EVENT_QUEUE_CAPACITY = 10_000;

  private final String realm;
  private final Store store;
  private final Clock clock;
  private final int retryAfterSeconds;
  private final int maxCredentialBytes;
  private final List<String> methodIds;
  private final OfferRegistry registry;
  private final PreparedOfferDecider decider;
  private final IdempotencyGuard idempotency;
  private final EventDispatcher events;
  private final Ledger ledger;
  private final PendingPayments pending;
  private final X402Support x402;

  private Mpp(Builder b) {
    this.realm = b.realm;
    this.store = b.store;
    this.clock = b.clock;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.maxCredentialBytes = b.maxCredentialBytes;
    this.methodIds = List.copyOf(b.methods.keySet());
    this.registry = new OfferRegistry(b.methods);
    ChallengeBinding binding = ChallengeBinding.of(b.secret, b.previousSecrets);
    this.events = new EventDispatcher(b.listeners, EVENT_QUEUE_CAPACITY);
    this.idempotency = new IdempotencyGuard(store, b.idempotencyTtl, b.maxStoredResponseBytes);
    this.ledger = b.ledger;
    this.pending = new PendingPayments(store, ledger, clock, registry, events::publish);
    this.x402 = new X402Support(b.methods);
    EngineEvents outcomes = new DispatcherEvents(this, events);
    CredentialVerifier verifier =
        new CredentialVerifier(
            new CredentialVerifier.Engine(
                realm,
                binding,
                store,
                clock,
                b.policy,
                b.maxCredentialBytes,
                idempotency,
                pending,
                x402,
                outcomes));
    Refusals refusals =
        new Refusals(
            new ChallengeIssuer(realm, binding, clock, b.challengeTtl),
            outcomes,
            clock,
            retryAfterSeconds);
    this.decider = new PreparedOfferDecider(verifier, refusals, outcomes);
    PaymentServices services = new EngineServices(this);
    b.methods.values().forEach(method -> method.attach(services));
    if (b.reconcileEvery != null) {
      Reconciler.schedule(this, b.reconcileEvery);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public String realm() {
    return realm;
  }

  public Clock clock() {
    return clock;
  }

  /** The store holding claims, idempotent responses and method state. */
  public Store store() {
    return store;
  }

  /** The ids of the registered payment methods, in registration order. */
  public List<String> methodIds() {
    return methodIds;
  }

  /** The intents each registered method serves (for capability documents). */
  public Map<String, List<String>> intentsByMethod() {
    return registry.intentsByMethod();
  }

  /** The record of every payment this engine settled, could not resolve yet, or saw fail. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Resolves pending payments (outcome unknown) older than 10 seconds through their methods, up to
   * 100 at a time: what the background reconciler runs every {@code reconcileEvery}.
   *
   * @return how many were resolved
   */
  public int reconcile() {
    return pending.reconcile(Duration.ofSeconds(10), 100);
  }

  /** Seconds a client is told to wait ({@code Retry-After}) when infrastructure is down. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * The largest credential accepted, in bytes: its header value, or the compact JSON of one a
   * JSON-RPC transport decodes itself.
   *
   * @since 0.2.0
   */
  public int maxCredentialBytes() {
    return maxCredentialBytes;
  }

  /** Events dropped because listeners fell behind (see {@link PaymentListener}). */
  public long droppedEvents() {
    return events.dropped();
  }

  /**
   * The request a challenge for {@code offer} carries (e.g. for discovery documents). Call it when
   * a route is declared: an offer no registered method serves fails here.
   *
   * @throws IllegalArgumentException when no method serves the offer's method and intent, or its
   *     handler refuses the offer
   */
  public IntentRequest request(Offer offer) {
    return registry.prepare(List.of(offer)).get(0).request();
  }

  /**
   * {@code offers} plus, for each {@code charge} offer of a method that takes x402 payments ({@link
   * X402Scheme}), a twin whose challenge is paid through the x402 {@code PAYMENT-SIGNATURE} header.
   * An HTTP transport that serves x402 decides with these and writes the twins' challenges as
   * {@link #x402PaymentRequired}; it passes each {@code PAYMENT-SIGNATURE} value to the exchange as
   * a credential found in that header.
   *
   * @since 0.2.0
   */
  public List<Offer> withX402(List<Offer> offers) {
    return x402.withTwins(offers);
  }

  /**
   * The {@code PAYMENT-REQUIRED} value (x402 v2) offering the x402 twins among {@code challenges}
   * (see {@link #withX402}), with {@code error} as the reason; empty when there are none.
   *
   * @since 0.2.0
   */
  public Optional<String> x402PaymentRequired(
      List<Challenge> challenges, String resourceUrl, String error) {
    return x402.paymentRequired(challenges, resourceUrl, error);
  }

  /** Decides one request to a resource that accepts {@code offers}; never throws. */
  public Decision decide(PaymentExchange exchange, List<Offer> offers) {
    Objects.requireNonNull(exchange, "exchange");
    List<PreparedOffer> prepared;
    try {
      prepared = registry.prepare(offers);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "a paid route offers what no method can charge", e);
      return Refusals.internalError();
    }
    try {
      return decider.decide(exchange, prepared);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "payment engine failed: {0}", e.getClass().getName());
      return Refusals.internalError();
    }
  }

  void publish(PaymentEvent event) {
    events.publish(event);
  }

  IdempotencyGuard idempotency() {
    return idempotency;
  }

  /** Configures an {@link Mpp}. */
  public static final class Builder {
    private String realm;
    private Secret secret;
    private final List<Secret> previousSecrets = new ArrayList<>();
    private Store store;
    private Clock clock = Clock.systemUTC();
    private Duration challengeTtl = Duration.ofMinutes(5);
    private PaymentPolicy policy = PaymentPolicy.ALLOW_ALL;
    private int maxCredentialBytes = 16 * 1024;
    private int retryAfterSeconds = 5;
    private Duration idempotencyTtl = Duration.ofHours(24);
    private int maxStoredResponseBytes = 1 << 20;
    private final Map<String, PaymentMethod> methods = new LinkedHashMap<>();
    private final List<PaymentListener> listeners = new ArrayList<>();
    private Ledger ledger;
    private Duration reconcileEvery = Duration.ofSeconds(30);

    private Builder() {}

    /** The protection space named in every challenge, e.g. the API's host name. */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /** The HMAC key that binds challenge ids; at least 32 bytes. */
    public Builder secret(Secret secret) {
      this.secret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** A key used before a rotation: ids it made still verify until they expire. */
    public Builder previousSecret(Secret secret) {
      previousSecrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * Shared state: challenge claims, methods' replay keys and state, idempotent responses; a
     * bounded {@link MemoryStore} by default (single instance only).
     */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a challenge stays payable; 5 minutes by default. */
    public Builder challengeTtl(Duration ttl) {
      this.challengeTtl = positive(ttl, "challenge TTL");
      return this;
    }

    /** A rule checked before settlement; a refusal answers 403. */
    public Builder policy(PaymentPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Largest raw credential accepted; 16 KiB by default. */
    public Builder maxCredentialBytes(int max) {
      if (max < 4096) {
        throw new IllegalArgumentException("credentials of at least 4 KiB must be accepted");
      }
      this.maxCredentialBytes = max;
      return this;
    }

    /** {@code Retry-After} sent with 503 when infrastructure fails; 5 seconds by default. */
    public Builder retryAfterSeconds(int seconds) {
      this.retryAfterSeconds = Math.max(1, seconds);
      return this;
    }

    /** How long a response is kept for retries with its {@code Idempotency-Key}; 24 hours. */
    public Builder idempotencyTtl(Duration ttl) {
      this.idempotencyTtl = positive(ttl, "idempotency TTL");
      return this;
    }

    /**
     * Largest response kept for idempotent replay, in bytes (1 MiB by default); a retry of a larger
     * one gets 409 and is not charged again.
     */
    public Builder maxStoredResponseBytes(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxStoredResponseBytes must not be negative");
      }
      this.maxStoredResponseBytes = max;
      return this;
    }

    /** Registers a payment method; ids must be unique. */
    public Builder method(PaymentMethod method) {
      Objects.requireNonNull(method, "method");
      if (!method.id().matches("[a-z]+")) {
        throw new IllegalArgumentException("method ids are lowercase letters: " + method.id());
      }
      if (methods.putIfAbsent(method.id(), method) != null) {
        throw new IllegalStateException("payment method registered twice: " + method.id());
      }
      return this;
    }

    /**
     * Where every settled, pending and failed payment is recorded; a {@link MemoryLedger} by
     * default (one instance, development). Share a {@code JdbcLedger} between instances.
     */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * How often the background reconciler resolves payments whose outcome was unknown and that
     * nobody retried; every 30 seconds by default, null for never (call {@link Mpp#reconcile}).
     */
    public Builder reconcileEvery(Duration every) {
      this.reconcileEvery = every == null ? null : positive(every, "reconcile interval");
      return this;
    }

    /** Receives payment events off the request path (see {@link PaymentListener}). */
    public Builder listener(PaymentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException when realm, secret or methods are missing, or a method serves
     *     an intent twice
     * @throws IllegalArgumentException when a secret is shorter than 32 bytes
     */
    public Mpp build() {
      if (realm == null || realm.isBlank()) {
        throw new IllegalStateException("realm is required");
      }
      if (secret == null) {
        throw new IllegalStateException("secret is required");
      }
      if (methods.isEmpty()) {
        throw new IllegalStateException("register at least one payment method");
      }
      if (store == null) {
        store = new MemoryStore();
      }
      if (ledger == null) {
        ledger = new MemoryLedger();
      }
      return new Mpp(this);
    }

    private static Duration positive(Duration value, String what) {
      if (Objects.requireNonNull(value, what).isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }
  }
}
