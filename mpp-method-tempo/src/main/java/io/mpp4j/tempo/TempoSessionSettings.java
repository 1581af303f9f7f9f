package io.mpp4j.tempo;

import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Price;
import io.mpp4j.core.Secret;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TempoMethod} serves the {@code session} intent (draft-tempo-session-00, v1 {@code
 * TempoStreamChannel} escrow): the escrow contract, the payee key that settles and closes channels
 * (and whose address is the recipient), what challenges suggest, and the settlement policy.
 *
 * <pre>{@code
 * TempoMethod tempo = TempoMethod.builder()
 *     .chain(TempoChain.MODERATO)
 *     .session(TempoSessionSettings.builder()
 *         .escrow("0x9d136eEa063eDE5418A6BC7bEafF009bBb6CFa70")
 *         .payeeKey(Secret.of(System.getenv("MPP_TEMPO_PAYEE_KEY")))
 *         .settleAbove("5.00")
 *         .build())
 *     .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class TempoSessionSettings {
  /**
   * Session credentials a channel may send per second, sustained, unless configured otherwise.
   *
   * @since 0.2.0
   */
  public static final int DEFAULT_VOUCHER_RATE = 10;

  /**
   * Session credentials a channel may send at once: two seconds' worth, what the reference client
   * sends when a session starts (an open, a few requests and short streams in a few hundred ms).
   *
   * @since 0.2.0
   */
  public static final int DEFAULT_VOUCHER_BURST = 20;

  private final String escrow;
  private final BigInteger payeeKey;
  private final String payeeFeeToken;
  private final Price suggestedDeposit;
  private final BigInteger minVoucherDelta;
  private final Price minDeposit;
  private final Price settleAbove;
  private final Duration settleEvery;
  private final Duration channelStateTtl;
  private final Duration watchEvery;
  private final int watchBatch;
  private final Duration channelTtl;
  private final boolean v2;
  private final String operator;
  private final int voucherRate;
  private final int voucherBurst;

  private TempoSessionSettings(Builder b) {
    this.escrow = b.escrow;
    this.payeeKey = b.payeeKey;
    this.payeeFeeToken = b.payeeFeeToken;
    this.suggestedDeposit = b.suggestedDeposit;
    this.minVoucherDelta = b.minVoucherDelta;
    this.minDeposit = b.minDeposit;
    this.settleAbove = b.settleAbove;
    this.settleEvery = b.settleEvery;
    this.channelStateTtl = b.channelStateTtl;
    this.watchEvery = b.watchEvery;
    this.watchBatch = b.watchBatch;
    this.channelTtl = b.channelTtl;
    this.v2 = b.v2;
    this.operator = b.operator;
    this.voucherRate = b.voucherRate;
    this.voucherBurst = b.voucherBurst;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The payee's address (the recipient of session challenges). */
  public String payeeAddress() {
    return Secp256k1.address(payeeKey);
  }

  String payee(String recipient) {
    String payee = payeeAddress();
    if (recipient != null && !Hex.address(recipient).equals(payee)) {
      throw new IllegalStateException("the recipient must be the payee key's address");
    }
    return payee;
  }

  void requireEscrow(TempoChain chain) {
    if (escrow == null && !v2 && chain.defaultEscrow().isEmpty()) {
      throw new IllegalStateException("escrow is required for " + chain);
    }
  }

  Duration channelTtl() {
    return channelTtl;
  }

  SessionChallengeRequest requests(SessionConfig config) {
    return new SessionChallengeRequest(
        config, v2 ? Voucher.Protocol.V2 : Voucher.Protocol.V1, operator);
  }

  PayeeWallet wallet(JsonRpc rpc, Broadcaster broadcaster, long chainId, String currency) {
    return new PayeeWallet(
        rpc, broadcaster, payeeKey, chainId, payeeFeeToken != null ? payeeFeeToken : currency);
  }

  SessionConfig config(
      long chainId,
      String currency,
      int decimals,
      boolean sponsored,
      Store replayStore,
      Duration replayTtl) {
    String contract =
        escrow != null
            ? escrow
            : v2
                ? ChannelDescriptor.PRECOMPILE
                : TempoChain.custom(chainId).defaultEscrow().map(Hex::address).orElseThrow();
    return new SessionConfig(
        chainId,
        contract,
        Hex.address(currency),
        payeeAddress(),
        decimals,
        suggestedDeposit,
        minVoucherDelta,
        minDeposit == null ? BigInteger.ZERO : minDeposit.toBaseUnits(decimals),
        sponsored,
        settleAbove == null ? null : settleAbove.toBaseUnits(decimals),
        settleEvery,
        channelStateTtl,
        watchEvery,
        watchBatch,
        replayStore,
        replayTtl,
        idleSettlement(channelTtl),
        voucherRate,
        voucherBurst);
  }

  /**
   * How long a channel may hold unsettled vouchers without any policy: the channel TTL less a
   * quarter of it, at most one day (29 days with the default 30), so that the watcher settles
   * before the stored state, and with it the highest voucher, can expire.
   */
  static Duration idleSettlement(Duration channelTtl) {
    Duration margin = channelTtl.dividedBy(4);
    return channelTtl.minus(margin.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : margin);
  }

  @Override
  public String toString() {
    return "TempoSessionSettings[escrow=" + escrow + ", payee=" + payeeAddress() + "]";
  }

  /** Configures {@link TempoSessionSettings}. */
  public static final class Builder {
    private String escrow;
    private BigInteger payeeKey;
    private String payeeFeeToken;
    private Price suggestedDeposit = Price.of("1.00");
    private BigInteger minVoucherDelta = BigInteger.ZERO;
    private Price minDeposit;
    private Price settleAbove;
    private Duration settleEvery;
    private Duration channelStateTtl = Duration.ofSeconds(10);
    private Duration watchEvery = Duration.ofSeconds(30);
    private int watchBatch = 100;
    private Duration channelTtl = Duration.ofDays(30);
    private boolean v2;
    private String operator;
    private int voucherRate = DEFAULT_VOUCHER_RATE;
    private int voucherBurst = DEFAULT_VOUCHER_BURST;

    private Builder() {}

    /** The escrow contract; the chain's known one by default. */
    public Builder escrow(String address) {
      this.escrow = Hex.address(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * The payee's secp256k1 key ({@code 0x}-hex text or 32 raw bytes), required: it settles and
     * closes channels and pays their fees. Never logged.
     */
    public Builder payeeKey(Secret privateKey) {
      this.payeeKey = Secp256k1.privateKey(Objects.requireNonNull(privateKey, "privateKey"));
      return this;
    }

    /** The TIP-20 token the payee pays settlement fees in; the currency by default. */
    public Builder payeeFeeToken(String token) {
      this.payeeFeeToken = Hex.address(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** The deposit challenges suggest unless the offer says otherwise; {@code 1.00}. */
    public Builder suggestedDeposit(String decimal) {
      this.suggestedDeposit = Price.of(decimal);
      return this;
    }

    /** The smallest increase of a voucher, in base units; none by default. */
    public Builder minVoucherDelta(long baseUnits) {
      if (baseUnits < 0) {
        throw new IllegalArgumentException("minVoucherDelta must not be negative");
      }
      this.minVoucherDelta = BigInteger.valueOf(baseUnits);
      return this;
    }

    /**
     * The smallest deposit an {@code open} may bring (decimal), against channel griefing with dust
     * deposits (draft-tempo-session-00 §"Denial of Service" suggests about 1 USD); by default one
     * unit of the route's price. Smaller opens are refused ({@code verification-failed}) before
     * their transaction is sent.
     */
    public Builder minDeposit(String decimal) {
      this.minDeposit = Price.of(decimal);
      return this;
    }

    /** Settles a channel once this much (decimal) is accepted but not yet settled. */
    public Builder settleAbove(String decimal) {
      this.settleAbove = Price.of(decimal);
      return this;
    }

    /**
     * Settles channels with unsettled vouchers at least this often (the close watcher checks it on
     * its rounds); without it they are settled once the {@link #channelTtl} less its margin passes.
     */
    public Builder settleEvery(Duration interval) {
      this.settleEvery = positive(interval);
      return this;
    }

    /** How long a voucher trusts the last on-chain read of its channel; 10 s. */
    public Builder channelStateTtl(Duration ttl) {
      this.channelStateTtl = positive(ttl);
      return this;
    }

    /**
     * How often the close watcher reads live channels, at most {@code batch} per round, to settle
     * before a payer's forced close takes effect; every 30 s, 100 channels. It starts when the
     * method is attached to its engine and reads every live channel from the store's channel index,
     * including those served before a restart or by another instance.
     */
    public Builder closeWatch(Duration every, int batch) {
      this.watchEvery = positive(every);
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be positive");
      }
      this.watchBatch = batch;
      return this;
    }

    /**
     * The per-channel rate limit on session credentials (draft-tempo-session-00 §"Denial of
     * Service"): each channel may send {@code perSecond} credentials per second (vouchers, opens,
     * top-ups and closes alike), and up to {@code burst} at once; {@value #DEFAULT_VOUCHER_RATE}
     * per second with bursts of {@value #DEFAULT_VOUCHER_BURST} by default. Further credentials get
     * {@code 429 Too Many Requests} with {@code Retry-After} before any signature is checked or
     * anything is written. Streams ask for vouchers paced to stay within the limit. The limit is
     * kept per instance.
     *
     * @since 0.2.0
     */
    public Builder voucherRateLimit(int perSecond, int burst) {
      if (perSecond < 1 || burst < 1) {
        throw new IllegalArgumentException("the voucher rate and burst must be positive");
      }
      this.voucherRate = perSecond;
      this.voucherBurst = burst;
      return this;
    }

    /**
     * How long an idle channel's state is kept in the store; 30 days. Channels holding unsettled
     * vouchers are settled, whatever the policy, once their last settlement (or open) is older than
     * this less a quarter of it, at most one day (29 days by default), by the watcher, which reads
     * every live channel from the store's channel index (draft-tempo-session-00 §"Settlement":
     * inactive channels).
     */
    public Builder channelTtl(Duration ttl) {
      this.channelTtl = positive(ttl);
      return this;
    }

    /**
     * Offers session protocol v2 (TIP-1034 channel reserve precompile) instead of v1: challenges
     * carry {@code sessionProtocol: "v2"}, {@code escrowContract} the precompile ({@code
     * 0x4d50500000000000000000000000000000000000}) unless {@link #escrow} names a compatible
     * deployment, and {@code operator} when not null. Off by default, and for testing clients only:
     * this server verifies v1 channels, so credentials answering a v2 challenge are refused ({@code
     * verification-failed}).
     *
     * @param operator the payee-side operator v2 clients put in channel descriptors, or null
     */
    public Builder offerProtocolV2(String operator) {
      this.v2 = true;
      this.operator = operator == null ? null : Hex.address(operator);
      return this;
    }

    /**
     * @throws IllegalStateException when the payee key is missing
     */
    public TempoSessionSettings build() {
      if (payeeKey == null) {
        throw new IllegalStateException("payeeKey is required");
      }
      return new TempoSessionSettings(this);
    }

    private static Duration positive(Duration value) {
      if (Objects.requireNonNull(value, "duration").isNegative() || value.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return value;
    }
  }
}
