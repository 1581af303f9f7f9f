package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Secret;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
 *     .chainId(TempoMethod.MODERATO)
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
public final class TempoMethod implements PaymentMethod {
  /** The method id. */
  public static final String ID = "tempo";

  /** Tempo mainnet chain id. */
  public static final long MAINNET = 4217;

  /** Moderato testnet chain id. */
  public static final long MODERATO = 42431;

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

  private final long chainId;
  private final String currency;
  private final String recipient;
  private final int decimals;
  private final List<TempoSplit> splits;
  private final String memo;
  private final Set<Mode> modes;
  private final Sponsor sponsor;
  private final ChargeVerifier verifier;

  private TempoMethod(Builder b) {
    this.chainId = b.chainId;
    this.currency = b.currency;
    this.recipient = b.recipient;
    this.decimals = b.decimals;
    this.splits = List.copyOf(b.splits);
    this.memo = b.memo;
    this.modes = b.modes;
    this.sponsor =
        b.feePayerKey == null
            ? null
            : new Sponsor(
                b.feePayerKey,
                b.sponsorPolicy != null ? b.sponsorPolicy : TempoSponsorPolicy.forChain(chainId),
                b.feeToken);
    JsonRpc rpc = new JsonRpc(b.rpcUrl, b.connectTimeout, b.rpcTimeout);
    this.verifier =
        new ChargeVerifier(
            rpc,
            new Broadcaster(rpc, b.receiptTimeout, Duration.ofMillis(250)),
            sponsor,
            b.store,
            b.replayTtl);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  /** The chain this method charges on. */
  public long chainId() {
    return chainId;
  }

  /** The fee payer's address when this method sponsors fees. */
  public Optional<String> feePayerAddress() {
    return Optional.ofNullable(sponsor).map(Sponsor::address);
  }

  @Override
  public ChargeRequest request(Offer offer) {
    if (!ID.equals(offer.method()) || !Offer.CHARGE.equals(offer.intent())) {
      throw new IllegalArgumentException("TempoMethod charges tempo/charge offers only");
    }
    BigInteger amount = offer.price().toBaseUnits(decimals);
    String token = offer.currency() != null ? checkedAddress(offer.currency()) : currency;
    String payee = offer.recipient() != null ? checkedAddress(offer.recipient()) : recipient;
    ObjectNode details = Json.object();
    details.put("chainId", chainId);
    if (sponsor != null) {
      details.put("feePayer", true);
    }
    if (memo != null) {
      details.put("memo", memo);
    }
    if (!splits.isEmpty()) {
      BigInteger total = BigInteger.ZERO;
      ArrayNode array = details.putArray("splits");
      for (TempoSplit split : splits) {
        BigInteger part = split.amount().toBaseUnits(decimals);
        total = total.add(part);
        ObjectNode node = array.addObject();
        node.put("amount", part.toString());
        if (split.memo() != null) {
          node.put("memo", split.memo());
        }
        node.put("recipient", split.recipient());
      }
      if (total.compareTo(amount) >= 0) {
        throw new IllegalArgumentException("splits must add up to less than the price");
      }
    }
    if (modes.size() == 1) {
      details
          .putArray("supportedModes")
          .add(modes.iterator().next().name().toLowerCase(Locale.ROOT));
    }
    return new ChargeRequest(
        amount, token, payee, offer.description(), offer.externalId(), details);
  }

  @Override
  public Receipt verify(Credential credential, VerificationContext context) {
    ChargeTerms terms;
    try {
      terms = ChargeTerms.of(context.request());
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.VerificationFailed("The challenge is not a Tempo charge.");
    }
    String type = ChargeVerifier.requireString(credential, "type");
    String reference;
    if (terms.amount().signum() == 0) {
      if (!"proof".equals(type)) {
        throw new PaymentExceptions.VerificationFailed(
            "Zero-amount challenges require a proof credential.");
      }
      ChargeVerifier.proof(credential, terms, context.realm());
      reference = credential.challenge().id();
    } else {
      reference =
          switch (type) {
            case "transaction" -> verifier.pull(credential, terms, context);
            case "hash" -> verifier.push(credential, terms, context);
            case "proof" ->
                throw new PaymentExceptions.VerificationFailed(
                    "Proof credentials are only valid for zero-amount challenges.");
            default -> throw new PaymentExceptions.InvalidPayload("Unknown Tempo payload type.");
          };
    }
    Receipt receipt = new Receipt(ID, reference, context.now());
    String externalId = context.request().externalId();
    return externalId == null ? receipt : receipt.with("externalId", externalId);
  }

  private static String checkedAddress(String address) {
    if (!Hex.isAddress(address)) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return address;
  }

  /** Configures a {@link TempoMethod}. */
  public static final class Builder {
    private Long chainId;
    private URI rpcUrl;
    private String currency;
    private String recipient;
    private int decimals = 6;
    private final List<TempoSplit> splits = new ArrayList<>();
    private String memo;
    private Set<Mode> modes = EnumSet.allOf(Mode.class);
    private BigInteger feePayerKey;
    private TempoSponsorPolicy sponsorPolicy;
    private String feeToken;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration rpcTimeout = Duration.ofSeconds(10);
    private Duration receiptTimeout = Duration.ofSeconds(30);
    private Store store;
    private Duration replayTtl = VerificationContext.DEFAULT_REPLAY_TTL;

    private Builder() {}

    /** The chain to charge on: {@link #MAINNET}, {@link #MODERATO} or a local chain's id. */
    public Builder chainId(long chainId) {
      if (chainId <= 0) {
        throw new IllegalArgumentException("chainId must be positive");
      }
      this.chainId = chainId;
      return this;
    }

    /** The JSON-RPC endpoint; defaults to the public endpoint of mainnet and Moderato. */
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

    /** The TIP-20 token charged; defaults to USDC.e on mainnet and pathUSD on Moderato. */
    public Builder currency(String token) {
      this.currency = checkedAddress(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** The address paid (required). */
    public Builder recipient(String address) {
      this.recipient = checkedAddress(Objects.requireNonNull(address, "address"));
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
      Objects.requireNonNull(privateKey, "privateKey");
      byte[] bytes = privateKey.bytes();
      byte[] raw =
          bytes.length == 32
              ? bytes
              : Hex.decode(new String(bytes, StandardCharsets.UTF_8).trim(), 32);
      this.feePayerKey = Secp256k1.privateKey(raw);
      return this;
    }

    /** Limits on sponsored transactions; {@link TempoSponsorPolicy#forChain} by default. */
    public Builder sponsorPolicy(TempoSponsorPolicy policy) {
      this.sponsorPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The TIP-20 token sponsored fees are paid in; the charge currency by default. */
    public Builder feeToken(String token) {
      this.feeToken = checkedAddress(Objects.requireNonNull(token, "token"));
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
     * Builds the method.
     *
     * @throws IllegalStateException when chain, recipient, RPC URL or currency are missing, or the
     *     configuration cannot be paid
     */
    public TempoMethod build() {
      if (chainId == null) {
        throw new IllegalStateException("chainId is required");
      }
      if (recipient == null) {
        throw new IllegalStateException("recipient is required");
      }
      if (rpcUrl == null) {
        rpcUrl = defaultRpc(chainId);
      }
      if (currency == null) {
        currency = defaultCurrency(chainId);
      }
      if (feePayerKey != null && !modes.contains(Mode.PULL)) {
        throw new IllegalStateException("a fee-sponsoring method must accept pull mode");
      }
      if (feePayerKey != null) {
        modes = EnumSet.of(Mode.PULL);
      }
      return new TempoMethod(this);
    }

    private static URI defaultRpc(long chainId) {
      if (chainId == MAINNET) {
        return URI.create("https://rpc.tempo.xyz");
      }
      if (chainId == MODERATO) {
        return URI.create("https://rpc.moderato.tempo.xyz");
      }
      throw new IllegalStateException("rpcUrl is required for chain " + chainId);
    }

    private static String defaultCurrency(long chainId) {
      if (chainId == MAINNET) {
        return USDC_E;
      }
      if (chainId == MODERATO) {
        return PATH_USD;
      }
      throw new IllegalStateException("currency is required for chain " + chainId);
    }

    private static Duration positive(Duration value) {
      if (Objects.requireNonNull(value, "duration").isNegative() || value.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return value;
    }
  }
}
