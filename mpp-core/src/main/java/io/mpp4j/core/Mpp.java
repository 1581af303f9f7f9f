package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.ContentDigest;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payment engine: one instance per server, immutable and thread-safe. For each request to a
 * paid route it issues challenges or verifies the credential and settles it through the registered
 * {@link PaymentMethod} (draft-httpauth-payment-00 §5–§8).
 *
 * <p>Verification order, cheapest first and no I/O before the claim: a single credential; decoding;
 * the HMAC id; realm, request and resource pinned to what this route charges now; expiry; body
 * digest; policy; the single-use claim of the challenge id; then the method. Every refusal is a
 * {@link Decision}, never an exception.
 *
 * <pre>{@code
 * Mpp mpp = Mpp.builder()
 *     .realm("api.example.com")
 *     .secret(Secret.of(System.getenv("MPP_SECRET_KEY")))
 *     .method(tempo)
 *     .build();
 * Decision decision = mpp.decide(exchange, List.of(Offer.charge("tempo").price("0.01").build()));
 * }</pre>
 */
public final class Mpp {
  private static final System.Logger LOG = System.getLogger(Mpp.class.getName());

  private final String realm;
  private final ChallengeBinding binding;
  private final ChallengeIssuer issuer;
  private final Store store;
  private final Clock clock;
  private final PaymentPolicy policy;
  private final int maxCredentialBytes;
  private final int retryAfterSeconds;
  private final Map<String, PaymentMethod> methods;
  private final List<String> methodIds;

  private Mpp(Builder b) {
    this.realm = b.realm;
    this.binding = ChallengeBinding.of(b.secret, b.previousSecrets);
    this.store = b.store;
    this.clock = b.clock;
    this.policy = b.policy;
    this.maxCredentialBytes = b.maxCredentialBytes;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.methods = Map.copyOf(b.methods);
    this.methodIds = List.copyOf(b.methods.keySet());
    this.issuer = new ChallengeIssuer(realm, binding, clock, b.challengeTtl, methods);
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

  /** The ids of the registered payment methods, in registration order. */
  public List<String> methodIds() {
    return methodIds;
  }

  /** Seconds a client is told to wait ({@code Retry-After}) when infrastructure is down. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The registered method with this id, if any. */
  public PaymentMethod method(String id) {
    return methods.get(id);
  }

  /** The request a challenge for {@code offer} carries (e.g. for discovery documents). */
  public ChargeRequest request(Offer offer) {
    return issuer.prepare(List.of(offer)).get(0).request();
  }

  /** Decides one request to a route that accepts {@code offers}. */
  public Decision decide(PaymentExchange exchange, List<Offer> offers) {
    List<PreparedOffer> prepared = issuer.prepare(offers);
    List<String> credentials = new ArrayList<>(1);
    for (String value : exchange.header("Authorization")) {
      if (PaymentHeaders.isPaymentAuthorization(value)) {
        credentials.add(value);
      }
    }
    if (credentials.isEmpty()) {
      return challenge(exchange, prepared, ProblemType.PAYMENT_REQUIRED, "Payment is required.");
    }
    if (credentials.size() > 1) {
      return new Decision.Rejected(
          new Problem(ProblemType.BAD_REQUEST, "Send exactly one Payment credential.", null), 0);
    }
    try {
      return verify(exchange, prepared, credentials.get(0));
    } catch (PaymentException e) {
      return refuse(exchange, prepared, e);
    }
  }

  private Decision verify(PaymentExchange exchange, List<PreparedOffer> offers, String header) {
    if (header.length() > maxCredentialBytes) {
      throw new PaymentExceptions.MalformedCredential(
          "Credential is larger than " + maxCredentialBytes + " bytes.");
    }
    Credential credential;
    try {
      credential = PaymentHeaders.parseCredential(header);
    } catch (CodecException e) {
      throw new PaymentExceptions.MalformedCredential(
          "Credential cannot be decoded: " + e.getMessage() + ".");
    }
    Challenge echoed = credential.challenge();
    if (offers.stream().noneMatch(o -> o.isFor(echoed.method(), echoed.intent()))) {
      throw new PaymentExceptions.MethodUnsupported(
          "This resource does not accept " + echoed.method() + "/" + echoed.intent() + ".");
    }
    if (!binding.verify(echoed) || !realm.equals(echoed.realm())) {
      throw new PaymentExceptions.InvalidChallenge("Challenge was not issued by this server.");
    }
    PreparedOffer offer = pinnedOffer(exchange, offers, echoed);
    Instant expires = expiry(echoed);
    checkDigest(exchange, echoed);
    policy.check(credential, exchange);
    return settle(exchange, credential, offer, expires);
  }

  private PreparedOffer pinnedOffer(
      PaymentExchange exchange, List<PreparedOffer> offers, Challenge echoed) {
    ObjectNode bound = ChallengeIssuer.withoutNonce(echoed.opaque());
    for (PreparedOffer offer : offers) {
      if (offer.isFor(echoed.method(), echoed.intent())
          && offer.requestWire().equals(echoed.request())
          && issuer.bound(exchange, offer.offer()).equals(bound)) {
        return offer;
      }
    }
    throw new PaymentExceptions.InvalidChallenge(
        "Challenge was issued for a different price or resource.");
  }

  private Instant expiry(Challenge echoed) {
    if (echoed.expires() == null) {
      throw new PaymentExceptions.InvalidChallenge("Challenge has no expiry.");
    }
    Instant expires;
    try {
      expires = Timestamps.parse(echoed.expires());
    } catch (DateTimeParseException e) {
      throw new PaymentExceptions.InvalidChallenge("Challenge expiry is malformed.");
    }
    if (!clock.instant().isBefore(expires)) {
      throw new PaymentExceptions.PaymentExpired("Challenge has expired.");
    }
    return expires;
  }

  private static void checkDigest(PaymentExchange exchange, Challenge echoed) {
    if (echoed.digest() == null) {
      if (exchange.body().length > 0) {
        throw new PaymentExceptions.InvalidChallenge("Challenge does not bind this request body.");
      }
      return;
    }
    boolean matches;
    try {
      matches = ContentDigest.matches(echoed.digest(), exchange.body());
    } catch (CodecException e) {
      matches = false;
    }
    if (!matches) {
      throw new PaymentExceptions.InvalidChallenge(
          "Request body does not match the challenge digest.");
    }
  }

  private Decision settle(
      PaymentExchange exchange, Credential credential, PreparedOffer offer, Instant expires) {
    Challenge echoed = credential.challenge();
    String claimKey = "challenge:" + echoed.id();
    Duration remaining = Duration.between(clock.instant(), expires).plusMinutes(1);
    boolean claimed;
    try {
      claimed = store.claim(claimKey, remaining);
    } catch (StoreUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "payment store unavailable: {0}", e.getMessage());
      throw new PaymentExceptions.ServiceUnavailable(
          "Payment store is unavailable; retry later.", e);
    }
    if (!claimed) {
      throw new PaymentExceptions.InvalidChallenge("Challenge has already been used.");
    }
    Receipt receipt;
    try {
      receipt =
          offer
              .method()
              .verify(
                  credential,
                  new VerificationContext(offer.request(), realm, expires, store, clock));
    } catch (PaymentExceptions.ServiceUnavailable e) {
      if (e.isOutcomeUnknown()) {
        LOG.log(
            System.Logger.Level.ERROR,
            "payment outcome unknown for challenge {0} ({1}); the challenge stays claimed,"
                + " reconcile with the payment network",
            echoed.id(),
            offer.offer().method());
      } else {
        releaseQuietly(claimKey);
      }
      throw e;
    } catch (PaymentException e) {
      releaseQuietly(claimKey);
      throw e;
    } catch (RuntimeException e) {
      releaseQuietly(claimKey);
      LOG.log(
          System.Logger.Level.ERROR,
          "payment method "
              + offer.offer().method()
              + " failed unexpectedly: "
              + e.getClass().getName());
      throw new PaymentExceptions.ServiceUnavailable(
          "Payment could not be verified; retry later.", e);
    }
    Payment payment =
        new Payment(
            receipt,
            echoed.method(),
            echoed.intent(),
            offer.request(),
            echoed.id(),
            credential.source());
    return new Decision.Paid(payment, PaymentHeaders.formatReceipt(receipt));
  }

  private void releaseQuietly(String key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "could not release a challenge claim; it expires by itself");
    }
  }

  private Decision refuse(
      PaymentExchange exchange, List<PreparedOffer> offers, PaymentException e) {
    ProblemType type = e.type();
    if (type == ProblemType.SERVICE_UNAVAILABLE) {
      return new Decision.Rejected(new Problem(type, e.detail(), null), retryAfterSeconds);
    }
    if (type.carriesChallenge() || type == ProblemType.METHOD_UNSUPPORTED) {
      return challenge(exchange, offers, type, e.detail());
    }
    return new Decision.Rejected(new Problem(type, e.detail(), null), 0);
  }

  private Decision challenge(
      PaymentExchange exchange, List<PreparedOffer> offers, ProblemType type, String detail) {
    List<ChallengeIssuer.Issued> issued = issuer.challenges(exchange, offers);
    List<String> headers = new ArrayList<>(issued.size());
    for (ChallengeIssuer.Issued challenge : issued) {
      headers.add(challenge.header());
    }
    return new Decision.PaymentRequired(headers, new Problem(type, detail, issued.get(0).id()));
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
    private final Map<String, PaymentMethod> methods = new LinkedHashMap<>();

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

    /** Shared replay state; a bounded {@link MemoryStore} by default (single instance only). */
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
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("challenge TTL must be positive");
      }
      this.challengeTtl = ttl;
      return this;
    }

    /** A rule checked before settlement; a refusal answers 403. */
    public Builder policy(PaymentPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Largest {@code Authorization} value accepted; 16 KiB by default. */
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
     * Builds the engine.
     *
     * @throws IllegalStateException when realm, secret or methods are missing
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
      return new Mpp(this);
    }
  }
}
