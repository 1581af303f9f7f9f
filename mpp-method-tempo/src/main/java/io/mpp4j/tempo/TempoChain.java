package io.mpp4j.tempo;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Tempo chain and its defaults (draft-tempo-charge-00 §3): chain id, public RPC endpoint, default
 * currency and, for sessions, the v1 escrow contract clients know. {@link #MAINNET} and {@link
 * #MODERATO} are the public chains; {@link #custom} describes any other (a local chain in tests).
 *
 * @since 0.2.0
 */
public final class TempoChain {
  /** Tempo mainnet: chain 4217, USDC.e by default. */
  public static final TempoChain MAINNET =
      new TempoChain(
          4217,
          URI.create("https://rpc.tempo.xyz"),
          "0x20C000000000000000000000b9537d11c60E8b50",
          "0x33b901018174DDabE4841042ab76ba85D4e24f25");

  /** Moderato testnet: chain 42431, pathUSD by default. */
  public static final TempoChain MODERATO =
      new TempoChain(
          42431,
          URI.create("https://rpc.moderato.tempo.xyz"),
          "0x20c0000000000000000000000000000000000000",
          "0xe1c4d3dce17bc111181ddf716f75bae49e61a336");

  private final long id;
  private final URI rpcUrl;
  private final String currency;
  private final String escrow;

  private TempoChain(long id, URI rpcUrl, String currency, String escrow) {
    this.id = id;
    this.rpcUrl = rpcUrl;
    this.currency = currency;
    this.escrow = escrow;
  }

  /** A chain without public defaults: the builder then needs an RPC URL and a currency. */
  public static TempoChain custom(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("chainId must be positive");
    }
    return of(id).orElse(new TempoChain(id, null, null, null));
  }

  /** The known chain with this id, if any. */
  public static Optional<TempoChain> of(long id) {
    if (id == MAINNET.id) {
      return Optional.of(MAINNET);
    }
    return id == MODERATO.id ? Optional.of(MODERATO) : Optional.empty();
  }

  public long id() {
    return id;
  }

  /** The public RPC endpoint, if the chain has one. */
  public Optional<URI> rpcUrl() {
    return Optional.ofNullable(rpcUrl);
  }

  /** The currency charged unless configured otherwise, if the chain has a default. */
  public Optional<String> defaultCurrency() {
    return Optional.ofNullable(currency);
  }

  /** The v1 session escrow contract the reference client uses on this chain, if known. */
  public Optional<String> defaultEscrow() {
    return Optional.ofNullable(escrow);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TempoChain c && c.id == id;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }

  @Override
  public String toString() {
    return "TempoChain[" + id + "]";
  }
}
