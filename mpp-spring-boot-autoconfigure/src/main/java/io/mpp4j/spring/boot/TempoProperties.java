package io.mpp4j.spring.boot;

import io.mpp4j.tempo.TempoMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The mpp.tempo.* settings: the tempo charge method (draft-tempo-charge-00). The method is
 * configured when recipient is set; chain-id is then required, and the RPC URL and currency default
 * to the chain's public ones (mainnet 4217, Moderato 42431). Settings left unset keep the defaults
 * of {@link TempoMethod.Builder}; {@code mpp.tempo.session.*} adds the session intent
 * (draft-tempo-session-00).
 *
 * @since 0.2.0
 */
public class TempoProperties {
  /** The address paid. Setting it configures the Tempo method. */
  private String recipient;

  /** The chain to charge on: 4217 (mainnet), 42431 (Moderato testnet) or a local chain's id. */
  private Long chainId;

  /** The JSON-RPC endpoint; the chain's public endpoint by default. HTTPS unless loopback. */
  private String rpcUrl;

  /** The TIP-20 token charged; USDC.e on mainnet and pathUSD on Moderato by default. */
  private String currency;

  /** Fraction digits of the token. */
  private int decimals = 6;

  /**
   * Sponsor transaction fees with this secp256k1 key (0x-hex); challenges then accept pull mode
   * only.
   */
  private String feePayerKey;

  /** The TIP-20 token sponsored fees are paid in; the charge currency by default. */
  private String feeToken;

  /** A fixed bytes32 memo the transfer must carry instead of the challenge-bound one. */
  private String memo;

  /** How clients may pay: pull (a signed transaction) and push (a transaction hash). */
  private List<TempoMethod.Mode> modes =
      new ArrayList<>(List.of(TempoMethod.Mode.PULL, TempoMethod.Mode.PUSH));

  /** INSECURE: accept a plain-http RPC URL on a non-loopback host you trust. */
  private boolean allowInsecureRpc;

  /** Time to open a connection to the RPC node. */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /** Time for one RPC call. */
  private Duration rpcTimeout = Duration.ofSeconds(10);

  /** Time to wait for a broadcast transaction's receipt. */
  private Duration receiptTimeout = Duration.ofSeconds(30);

  /** How long a used transaction hash is remembered against replays; 7 days by default. */
  private Duration replayTtl;

  /**
   * Longest validity of an expiring-nonce transaction; longer ones are refused before broadcast (2
   * minutes by default).
   */
  private Duration maxExpiringWindow;

  /**
   * Broadcasts that may wait for their receipt at once (32 by default); beyond that a payment is
   * refused with 503.
   */
  private Integer maxConcurrentBroadcasts;

  /**
   * Broadcasts one payer may have waiting at once (2 by default, at most
   * max-concurrent-broadcasts).
   */
  private Integer maxBroadcastsPerPayer;

  /**
   * Parts of every charge paid to other recipients (methodDetails.splits): each a recipient, a
   * decimal amount and an optional bytes32 memo.
   */
  private List<Split> splits = new ArrayList<>();

  /** The session intent (draft-tempo-session-00); served when escrow and payee-key are both set. */
  @NestedConfigurationProperty
  private final TempoSessionProperties session = new TempoSessionProperties();

  public String getRecipient() {
    return recipient;
  }

  public void setRecipient(String recipient) {
    this.recipient = recipient;
  }

  public Long getChainId() {
    return chainId;
  }

  public void setChainId(Long chainId) {
    this.chainId = chainId;
  }

  public String getRpcUrl() {
    return rpcUrl;
  }

  public void setRpcUrl(String rpcUrl) {
    this.rpcUrl = rpcUrl;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public int getDecimals() {
    return decimals;
  }

  public void setDecimals(int decimals) {
    this.decimals = decimals;
  }

  public String getFeePayerKey() {
    return feePayerKey;
  }

  public void setFeePayerKey(String feePayerKey) {
    this.feePayerKey = feePayerKey;
  }

  public String getFeeToken() {
    return feeToken;
  }

  public void setFeeToken(String feeToken) {
    this.feeToken = feeToken;
  }

  public String getMemo() {
    return memo;
  }

  public void setMemo(String memo) {
    this.memo = memo;
  }

  public List<TempoMethod.Mode> getModes() {
    return modes;
  }

  public void setModes(List<TempoMethod.Mode> modes) {
    this.modes = modes;
  }

  public boolean isAllowInsecureRpc() {
    return allowInsecureRpc;
  }

  public void setAllowInsecureRpc(boolean allowInsecureRpc) {
    this.allowInsecureRpc = allowInsecureRpc;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRpcTimeout() {
    return rpcTimeout;
  }

  public void setRpcTimeout(Duration rpcTimeout) {
    this.rpcTimeout = rpcTimeout;
  }

  public Duration getReceiptTimeout() {
    return receiptTimeout;
  }

  public void setReceiptTimeout(Duration receiptTimeout) {
    this.receiptTimeout = receiptTimeout;
  }

  public Duration getReplayTtl() {
    return replayTtl;
  }

  public void setReplayTtl(Duration replayTtl) {
    this.replayTtl = replayTtl;
  }

  public Duration getMaxExpiringWindow() {
    return maxExpiringWindow;
  }

  public void setMaxExpiringWindow(Duration maxExpiringWindow) {
    this.maxExpiringWindow = maxExpiringWindow;
  }

  public Integer getMaxConcurrentBroadcasts() {
    return maxConcurrentBroadcasts;
  }

  public void setMaxConcurrentBroadcasts(Integer maxConcurrentBroadcasts) {
    this.maxConcurrentBroadcasts = maxConcurrentBroadcasts;
  }

  public Integer getMaxBroadcastsPerPayer() {
    return maxBroadcastsPerPayer;
  }

  public void setMaxBroadcastsPerPayer(Integer maxBroadcastsPerPayer) {
    this.maxBroadcastsPerPayer = maxBroadcastsPerPayer;
  }

  public List<Split> getSplits() {
    return splits;
  }

  public void setSplits(List<Split> splits) {
    this.splits = splits;
  }

  public TempoSessionProperties getSession() {
    return session;
  }

  /** One split of every charge (draft-tempo-charge-00 §4, methodDetails.splits). */
  public static class Split {
    /** The address this split pays. */
    private String recipient;

    /** What the split pays, a decimal such as 0.10; less than the route's price with the rest. */
    private String amount;

    /** A bytes32 memo (0x-hex) the split's transfer must carry; none by default. */
    private String memo;

    public String getRecipient() {
      return recipient;
    }

    public void setRecipient(String recipient) {
      this.recipient = recipient;
    }

    public String getAmount() {
      return amount;
    }

    public void setAmount(String amount) {
      this.amount = amount;
    }

    public String getMemo() {
      return memo;
    }

    public void setMemo(String memo) {
      this.memo = memo;
    }
  }
}
