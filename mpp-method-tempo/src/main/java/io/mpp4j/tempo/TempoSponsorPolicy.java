package io.mpp4j.tempo;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits a fee-sponsoring server enforces before it co-signs a client's transaction
 * (draft-tempo-charge-00 §6 "Server-Paid Fees": validate before co-signing; defaults follow the
 * reference implementation). A sponsored transaction must also use the expiring nonce lane, carry
 * no fee token, access list or authorization list, and pay nothing but the charge.
 *
 * <p>Defaults: gas 2,000,000; max fee per gas 100 gwei; priority fee 10 gwei (50 gwei on the
 * Moderato testnet, see {@link #forChain(long)}); total fee budget {@code gas * maxFeePerGas} 0.05
 * (in 18-decimal fee units); validity window 15 minutes; no access-key authorizations.
 */
public final class TempoSponsorPolicy {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final BigInteger maxGas;
  private final BigInteger maxFeePerGas;
  private final BigInteger maxPriorityFeePerGas;
  private final BigInteger maxTotalFee;
  private final Duration maxValidity;
  private final boolean allowKeyAuthorization;

  private TempoSponsorPolicy(Builder b) {
    this.maxGas = b.maxGas;
    this.maxFeePerGas = b.maxFeePerGas;
    this.maxPriorityFeePerGas = b.maxPriorityFeePerGas;
    this.maxTotalFee = b.maxTotalFee;
    this.maxValidity = b.maxValidity;
    this.allowKeyAuthorization = b.allowKeyAuthorization;
  }

  /** The default policy. */
  public static TempoSponsorPolicy defaults() {
    return builder().build();
  }

  /** The default policy for a chain (Moderato allows a higher priority fee). */
  public static TempoSponsorPolicy forChain(long chainId) {
    Builder builder = builder();
    if (chainId == TempoChain.MODERATO.id()) {
      builder.maxPriorityFeePerGas(GWEI.multiply(BigInteger.valueOf(50)));
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public BigInteger maxGas() {
    return maxGas;
  }

  public BigInteger maxFeePerGas() {
    return maxFeePerGas;
  }

  public BigInteger maxPriorityFeePerGas() {
    return maxPriorityFeePerGas;
  }

  public BigInteger maxTotalFee() {
    return maxTotalFee;
  }

  public Duration maxValidity() {
    return maxValidity;
  }

  public boolean allowKeyAuthorization() {
    return allowKeyAuthorization;
  }

  @Override
  public String toString() {
    return "TempoSponsorPolicy[maxGas="
        + maxGas
        + ", maxFeePerGas="
        + maxFeePerGas
        + ", maxPriorityFeePerGas="
        + maxPriorityFeePerGas
        + ", maxTotalFee="
        + maxTotalFee
        + ", maxValidity="
        + maxValidity
        + ", allowKeyAuthorization="
        + allowKeyAuthorization
        + "]";
  }

  /** Builds a {@link TempoSponsorPolicy}. */
  public static final class Builder {
    private BigInteger maxGas = BigInteger.valueOf(2_000_000);
    private BigInteger maxFeePerGas = GWEI.multiply(BigInteger.valueOf(100));
    private BigInteger maxPriorityFeePerGas = GWEI.multiply(BigInteger.TEN);
    private BigInteger maxTotalFee = BigInteger.valueOf(50_000_000_000_000_000L);
    private Duration maxValidity = Duration.ofMinutes(15);
    private boolean allowKeyAuthorization;

    private Builder() {}

    public Builder maxGas(BigInteger value) {
      this.maxGas = positive(value, "maxGas");
      return this;
    }

    public Builder maxFeePerGas(BigInteger value) {
      this.maxFeePerGas = positive(value, "maxFeePerGas");
      return this;
    }

    public Builder maxPriorityFeePerGas(BigInteger value) {
      this.maxPriorityFeePerGas = positive(value, "maxPriorityFeePerGas");
      return this;
    }

    /** Cap on {@code gasLimit * maxFeePerGas} of one sponsored transaction. */
    public Builder maxTotalFee(BigInteger value) {
      this.maxTotalFee = positive(value, "maxTotalFee");
      return this;
    }

    /** How far in the future a sponsored transaction's {@code valid_before} may lie. */
    public Builder maxValidity(Duration value) {
      Objects.requireNonNull(value, "maxValidity");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("maxValidity must be positive");
      }
      this.maxValidity = value;
      return this;
    }

    /** Whether a sponsored transaction may carry an access-key authorization (off by default). */
    public Builder allowKeyAuthorization(boolean allow) {
      this.allowKeyAuthorization = allow;
      return this;
    }

    public TempoSponsorPolicy build() {
      return new TempoSponsorPolicy(this);
    }

    private static BigInteger positive(BigInteger value, String name) {
      if (Objects.requireNonNull(value, name).signum() <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
