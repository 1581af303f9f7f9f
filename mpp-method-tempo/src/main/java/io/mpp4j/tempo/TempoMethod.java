package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.PaymentServices;
import io.mpp4j.core.Secret;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.ReconciliationReport;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tempo} payment method, {@code charge} intent (draft-tempo-charge-00): one-time TIP-20
 * stablecoin transfers on a Tempo chain, paid in pull mode (the client signs a {@code 0x76}
 * transaction that the server checks, optionally co-signs as fee payer, and broadcasts), push mode
 * (the client broadcasts and sends the transaction hash), or, for zero amounts, with an EIP-712
 * proof of account ownership.
 *
 * <pre>{@code
 * TempoMethod tempo = TempoMethod.builder()
 *     .chain(TempoChain.MODERATO)
 *     .recipient("0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00")
 *     .build();
 * Mpp mpp = Mpp.builder().realm("api.example.com").secret(secret).method(tempo).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; each owns one HTTP client for its RPC node. Every
 * challenge carries {@code methodDetails.chainId}. A credential pays only if its transfers reach
 * the recipient (and splits) for the exact amounts on the configured token, carry the route's memo
 * or else the challenge-bound attribution memo, and have not paid before: transaction hashes are
 * claimed in the replay store before a broadcast. RPC failures fail closed and never show node
 * error text to clients.
 */
public final class TempoMethod implements PaymentMethod, AutoCloseable {
  /** The method id. */
  public static final String ID = "tempo";

  /** USDC.e on mainnet, the default currency there. */
  public static final String USDC_E = "0x20C000000000000000000000b9537d11c60E8b50";

  /** pathUSD, the default currency on Moderato. */
  public static final String PATH_USD = "0x20c0000000000000000000000000000000000000";

  /** How a client may pay (draft-tempo-charge-00 §4, {@code methodDetails.supportedModes}). */
  public enum Mode {
    /** The client sends a signed transaction; the server broadcasts it. */
    PULL,
    /** The client broadcasts and sends the transaction hash. */
    PUSH
  }

  private final TempoChain chain;
  private final URI rpcUrl;
  private final Sponsor sponsor;
  private final List<IntentHandler<?>> handlers;
  private final LedgerAudit audit;
  private final SessionSettler settler;
  private final SessionJournal sessionJournal = new SessionJournal();
  private final SubscriptionSupport subscriptions;

  private TempoMethod(Builder b) {
    this.chain = b.chain;
    this.rpcUrl = b.rpcUrl;
    TempoWiring parts = new TempoWiring(b, sessionJournal);
    this.sponsor = parts.sponsor;
    this.audit = parts.audit;
    this.settler = parts.settler;
    this.subscriptions = parts.subscriptions;
    this.handlers = parts.handlers;
  }

  /** Stops the session settlement and close watcher threads, when sessions are served. */
  @Override
  public void close() {
    if (settler != null) {
      settler.close();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<IntentHandler<?>> handlers() {
    return handlers;
  }

  /**
   * Binds subscriptions to the engine (its store, ledger and events serve renewals), and sessions:
   * the close watcher starts on the engine's store, and settle and close transactions are recorded
   * in its ledger (the first engine's only).
   *
   * @throws IllegalStateException when subscriptions are served and another engine has them
   */
  @Override
  public void attach(PaymentServices services) {
    if (settler != null) {
      settler.attach(services.store());
    }
    sessionJournal.attach(services);
    if (subscriptions != null) {
      subscriptions.attach(services);
    }
  }

  /**
   * This method's subscriptions: lookup, cancellation and the renewal job.
   *
   * @throws IllegalStateException when built without {@link Builder#subscriptions}
   * @since 0.2.0
   */
  public TempoSubscriptions subscriptions() {
    if (subscriptions == null) {
      throw new IllegalStateException("this TempoMethod was built without subscriptions");
    }
    return subscriptions.merchant();
  }

  /** The chain this method charges on. */
  public TempoChain chain() {
    return chain;
  }

  /**
   * Compares the ledger's Tempo payments created in {@code [from, to)} (charges, subscription
   * charges, session settle and close transactions) with the recipient's TIP-20 {@code Transfer}s
   * on chain in the blocks of that range, and lists every difference: a settled payment the chain
   * does not show, a transfer the ledger does not hold, amounts or statuses that disagree. Amounts
   * are what the recipient receives (a charge less the configured splits; what the escrow paid).
   *
   * @throws IllegalStateException when the node cannot be asked (the report would be incomplete)
   */
  public ReconciliationReport reconcile(Ledger ledger, Instant from, Instant to) {
    try {
      return audit.reconcile(ledger, from, to);
    } catch (RpcException e) {
      throw new IllegalStateException("the Tempo node could not be read: " + e.kind(), e);
    }
  }

  /**
   * The JSON-RPC endpoint this method calls (for health checks; it may carry an access token, so
   * never log it).
   *
   * @since 0.2.0
   */
  public URI rpcUrl() {
    return rpcUrl;
  }

  /** The fee payer's address when this method sponsors fees. */
  public Optional<String> feePayerAddress() {
    return Optional.ofNullable(sponsor).map(Sponsor::address);
  }

  /** Configures a {@link TempoMethod}. */
  public static final class Builder {
    TempoChain chain;
    URI rpcUrl;
    boolean allowInsecureRpc;
    String currency;
    String recipient;
    int decimals = 6;
    final List<TempoSplit> splits = new ArrayList<>();
    String memo;
    Set<Mode> modes = EnumSet.allOf(Mode.class);
    BigInteger feePayerKey;
    TempoSponsorPolicy sponsorPolicy;
    String feeToken;
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration rpcTimeout = Duration.ofSeconds(10);
    Duration receiptTimeout = Duration.ofSeconds(30);
    Store store;
    Duration replayTtl = VerificationContext.DEFAULT_REPLAY_TTL;
    Duration maxExpiringWindow = Duration.ofMinutes(2);
    int maxConcurrentBroadcasts = 32;
    int maxBroadcastsPerPayer = 2;
    TempoSessionSettings session;
    TempoSubscriptionSettings subscriptions;

    private Builder() {}

    /**
     * Serves the {@code subscription} intent too (draft-tempo-subscription-00); needs {@link
     * #feePayer}, as its charges are sponsored.
     *
     * @since 0.2.0
     */
    public Builder subscriptions(TempoSubscriptionSettings settings) {
      this.subscriptions = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Also serves the {@code session} intent (draft-tempo-session-00): payment channels on the
     * settings' escrow, settled and closed by its payee key, whose address becomes the recipient.
     *
     * @since 0.2.0
     */
    public Builder session(TempoSessionSettings settings) {
      this.session = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The chain to charge on: {@link TempoChain#MAINNET}, {@link TempoChain#MODERATO}, ... */
    public Builder chain(TempoChain chain) {
      this.chain = Objects.requireNonNull(chain, "chain");
      return this;
    }

    /** The chain to charge on by id (4217, 42431, or a local chain's id). */
    public Builder chainId(long chainId) {
      return chain(TempoChain.custom(chainId));
    }

    /**
     * The JSON-RPC endpoint; defaults to the chain's public endpoint. It must be {@code https}
     * unless its host is a loopback address or {@link #allowInsecureRpc} is set: a push payment is
     * accepted on the node's word, so the node must be authenticated.
     */
    public Builder rpcUrl(String url) {
      return rpcUrl(URI.create(Objects.requireNonNull(url, "url")));
    }

    public Builder rpcUrl(URI url) {
      String scheme = Objects.requireNonNull(url, "url").getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("RPC URL must be http or https");
      }
      this.rpcUrl = url;
      return this;
    }

    /**
     * INSECURE: accepts a plain {@code http} RPC URL on a non-loopback host (a node on a private
     * network you trust). Anyone on the path could then fake receipts. Off by default.
     */
    public Builder allowInsecureRpc(boolean allow) {
      this.allowInsecureRpc = allow;
      return this;
    }

    /** The TIP-20 token charged; defaults to USDC.e on mainnet and pathUSD on Moderato. */
    public Builder currency(String token) {
      this.currency = Hex.checkedAddress(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** The address paid (required). */
    public Builder recipient(String address) {
      this.recipient = Hex.checkedAddress(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** Fraction digits of the token; 6 for every TIP-20 stablecoin (the default). */
    public Builder decimals(int decimals) {
      if (decimals < 0 || decimals > 36) {
        throw new IllegalArgumentException("decimals out of range");
      }
      this.decimals = decimals;
      return this;
    }

    /** Adds a split paid out of every charge. */
    public Builder split(TempoSplit split) {
      splits.add(Objects.requireNonNull(split, "split"));
      return this;
    }

    /**
     * A fixed bytes32 memo the primary transfer must carry, instead of the challenge-bound
     * attribution memo. mppx 0.11 clients ignore it: leave it unset to serve them.
     */
    public Builder memo(String memo) {
      this.memo = Hex.word(Objects.requireNonNull(memo, "memo"));
      return this;
    }

    /** The modes clients may pay with; both by default. */
    public Builder modes(Mode first, Mode... more) {
      this.modes = EnumSet.of(first, more);
      return this;
    }

    /**
     * Sponsors transaction fees with this secp256k1 key ({@code 0x}-hex text or 32 raw bytes):
     * challenges say {@code feePayer: true} and accept pull mode only.
     */
    public Builder feePayer(Secret privateKey) {
      this.feePayerKey = Secp256k1.privateKey(Objects.requireNonNull(privateKey, "privateKey"));
      return this;
    }

    /** Limits on sponsored transactions; {@link TempoSponsorPolicy#forChain} by default. */
    public Builder sponsorPolicy(TempoSponsorPolicy policy) {
      this.sponsorPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The TIP-20 token sponsored fees are paid in; the charge currency by default. */
    public Builder feeToken(String token) {
      this.feeToken = Hex.checkedAddress(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** Time to open a connection to the RPC node; 5 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** Time for one RPC call; 10 s by default. */
    public Builder rpcTimeout(Duration timeout) {
      this.rpcTimeout = positive(timeout);
      return this;
    }

    /** Time to wait for a broadcast transaction's receipt; 30 s by default. */
    public Builder receiptTimeout(Duration timeout) {
      this.receiptTimeout = positive(timeout);
      return this;
    }

    /** Where transaction hashes are claimed; the engine's store by default. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** How long a used transaction hash is remembered; 7 days by default. */
    public Builder replayTtl(Duration ttl) {
      this.replayTtl = positive(ttl);
      return this;
    }

    /**
     * How long an expiring-nonce transaction may stay valid; longer ones are refused before any
     * broadcast (2 minutes by default; the reference client uses about 25 seconds).
     */
    public Builder maxExpiringWindow(Duration window) {
      this.maxExpiringWindow = positive(window);
      return this;
    }

    /**
     * How many broadcasts may wait for their receipt at once (32 by default), and how many of them
     * may come from one payer (2); beyond that a payment is refused at once with 503 and nothing is
     * claimed.
     */
    public Builder maxConcurrentBroadcasts(int total, int perPayer) {
      if (total < 1 || perPayer < 1 || perPayer > total) {
        throw new IllegalArgumentException("broadcast bounds must be positive, per payer <= total");
      }
      this.maxConcurrentBroadcasts = total;
      this.maxBroadcastsPerPayer = perPayer;
      return this;
    }

    /**
     * Builds the method.
     *
     * @throws IllegalStateException when chain, recipient, RPC URL or currency are missing, the RPC
     *     URL is plain HTTP on a remote host, or the configuration cannot be paid
     */
    public TempoMethod build() {
      TempoWiring.complete(this);
      return new TempoMethod(this);
    }

    private static Duration positive(Duration value) {
      if (Objects.requireNonNull(value, "duration").isNegative() || value.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return value;
    }
  }
}
