package io.mpp4j.spring.boot;

import io.mpp4j.tempo.TempoMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mpp.tempo.* settings: the tempo charge method (draft-tempo-charge-00). The method is
 * configured when recipient is set; chain-id is then required, and the RPC URL and currency default
 * to the chain's public ones (mainnet 4217, Moderato 42431).
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
}
