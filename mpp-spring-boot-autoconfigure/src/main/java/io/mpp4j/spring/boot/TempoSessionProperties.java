package io.mpp4j.spring.boot;

import java.time.Duration;

/**
 * The mpp.tempo.session.* settings: the tempo session intent (draft-tempo-session-00, v1 escrow).
 * Sessions are served when escrow and payee-key are both set; setting any other of these without
 * both fails start-up. The recipient (mpp.tempo.recipient) must then be the payee key's address.
 * Settings left unset keep the defaults of {@link io.mpp4j.tempo.TempoSessionSettings.Builder}.
 *
 * @since 0.2.0
 */
public class TempoSessionProperties {
  /** The escrow contract channels are opened on (0x address). */
  private String escrow;

  /**
   * The payee's secp256k1 key (0x-hex): it settles and closes channels and pays their fees, and its
   * address is the recipient. Never logged.
   */
  private String payeeKey;

  /** The TIP-20 token the payee pays settlement fees in; the charge currency by default. */
  private String payeeFeeToken;

  /** The deposit challenges suggest (decimal) unless a route says otherwise; 1.00 by default. */
  private String suggestedDeposit;

  /** The smallest deposit an open may bring (decimal); one unit of the route's price by default. */
  private String minDeposit;

  /** The smallest increase of a voucher, in base units; none by default. */
  private Long minVoucherDelta;

  /** Settle a channel once this much (decimal) is accepted but not yet settled. */
  private String settleAbove;

  /** Settle channels holding unsettled vouchers at least this often. */
  private Duration settleEvery;

  /** Session credentials one channel may send per second, sustained; 10 by default. */
  private Integer voucherRateLimit;

  /** Session credentials one channel may send at once; 20 by default. */
  private Integer voucherBurst;

  public String getEscrow() {
    return escrow;
  }

  public void setEscrow(String escrow) {
    this.escrow = escrow;
  }

  public String getPayeeKey() {
    return payeeKey;
  }

  public void setPayeeKey(String payeeKey) {
    this.payeeKey = payeeKey;
  }

  public String getPayeeFeeToken() {
    return payeeFeeToken;
  }

  public void setPayeeFeeToken(String payeeFeeToken) {
    this.payeeFeeToken = payeeFeeToken;
  }

  public String getSuggestedDeposit() {
    return suggestedDeposit;
  }

  public void setSuggestedDeposit(String suggestedDeposit) {
    this.suggestedDeposit = suggestedDeposit;
  }

  public String getMinDeposit() {
    return minDeposit;
  }

  public void setMinDeposit(String minDeposit) {
    this.minDeposit = minDeposit;
  }

  public Long getMinVoucherDelta() {
    return minVoucherDelta;
  }

  public void setMinVoucherDelta(Long minVoucherDelta) {
    this.minVoucherDelta = minVoucherDelta;
  }

  public String getSettleAbove() {
    return settleAbove;
  }

  public void setSettleAbove(String settleAbove) {
    this.settleAbove = settleAbove;
  }

  public Duration getSettleEvery() {
    return settleEvery;
  }

  public void setSettleEvery(Duration settleEvery) {
    this.settleEvery = settleEvery;
  }

  public Integer getVoucherRateLimit() {
    return voucherRateLimit;
  }

  public void setVoucherRateLimit(Integer voucherRateLimit) {
    this.voucherRateLimit = voucherRateLimit;
  }

  public Integer getVoucherBurst() {
    return voucherBurst;
  }

  public void setVoucherBurst(Integer voucherBurst) {
    this.voucherBurst = voucherBurst;
  }

  /** Whether any setting other than escrow and payee-key is set (they need a session). */
  boolean hasPolicy() {
    return PaymentMethods.hasText(payeeFeeToken)
        || PaymentMethods.hasText(suggestedDeposit)
        || PaymentMethods.hasText(minDeposit)
        || PaymentMethods.hasText(settleAbove)
        || minVoucherDelta != null
        || settleEvery != null
        || voucherRateLimit != null
        || voucherBurst != null;
  }
}
