package io.mpp4j.evm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.BroadcastLimiter;
import io.mpp4j.chain.Broadcaster;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.UpstreamUrls;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.X402Scheme;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code evm} payment method, {@code charge} intent (draft-evm-charge-00): one-time ERC-20
 * payments on any EVM chain, settled by this server. Its main credential type is {@code
 * authorization}: the payer signs an EIP-3009 {@code transferWithAuthorization} for the token (USDC
 * and compatible), bound to the challenge by its nonce, and the server submits it with its own
 * settlement key and pays the gas. The same charge is offered to x402 v2 clients ({@code exact},
 * EIP-3009) when the HTTP transport turns x402 on ({@link X402Scheme}).
 *
 * <pre>{@code
 * EvmMethod evm = EvmMethod.builder()
 *     .chainId(8453)
 *     .rpcUrl("https://mainnet.base.org")
 *     .currency("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913")     // USDC on Base
 *     .token("USD Coin", "2")                                      // its EIP-712 name and version
 *     .recipient("0x742d35Cc6634C0532925a3b844Bc9e7595f8fE00")
 *     .settlementKey(Secret.of(System.getenv("MPP_EVM_SETTLEMENT_KEY")))
 *     .build();
 * }</pre>
 *
 * <p>Before any RPC a credential must pay the recipient exactly the price in the configured token
 * on the configured chain, within a validity window that has begun and ends neither too soon nor
 * too late, signed by its sender under the token's EIP-712 domain, with the challenge-bound nonce.
 * The authorization's {@code (chain, token, from, nonce)} is claimed in the store before anything
 * is sent; RPC failures fail closed and node error text never reaches the client. Instances are
 * immutable and thread-safe; each owns one HTTP client for its node.
 *
 * @since 0.2.0
 */
public final class EvmMethod implements PaymentMethod, X402Scheme {
  /** The method id. */
  public static final String ID = "evm";

  /** The canonical Permit2 deployment, named in every challenge as the spec requires. */
  public static final String PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3";

  /** What challenges carry and checks compare with. */
  record Settings(
      long chainId,
      String token,
      String tokenName,
      String tokenVersion,
      int decimals,
      String recipient,
      List<String> credentialTypes,
      String permit2Address,
      Duration x402MaxTimeout) {}

  private final Settings settings;
  private final List<IntentHandler<?>> handlers;
  private final X402Exact x402;
  private final String settlementAddress;

  private EvmMethod(Builder b) {
    this.settings =
        new Settings(
            b.chainId,
            Hex.address(b.currency),
            b.tokenName,
            b.tokenVersion,
            b.decimals,
            Hex.address(b.recipient),
            List.copyOf(b.credentialTypes),
            Eip3009.checksum(b.permit2Address),
            b.x402MaxTimeout);
    JsonRpc rpc = new JsonRpc(b.rpcUrl, b.connectTimeout, b.rpcTimeout);
    Broadcaster broadcaster = new Broadcaster(rpc, b.receiptTimeout, Duration.ofMillis(250));
    SettlementKey key =
        b.settlementKey == null
            ? null
            : new SettlementKey(b.settlementKey, b.maxFeePerGas, b.maxGas);
    this.settlementAddress = key == null ? null : key.address();
    Settler settler =
        key == null
            ? null
            : new Settler(
                rpc,
                broadcaster,
                key,
                b.chainId,
                new BroadcastLimiter(b.maxConcurrentSettlements, b.maxSettlementsPerPayer),
                b.store,
                b.replayTtl);
    this.handlers =
        List.of(
            new EvmCharge(
                settings,
                new AuthorizationCheck(
                    b.chainId, b.currency, b.tokenName, b.tokenVersion, b.maxAuthorizationValidity),
                settler,
                new ClientTransactions(rpc, broadcaster, b.store, b.replayTtl, b.maxTransactionAge),
                new ChargeRecovery(rpc, b.chainId, b.store)));
    this.x402 = new X402Exact(settings);
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

  /** The chain charged on. */
  public long chainId() {
    return settings.chainId();
  }

  /** The address of the settlement key, which pays the gas of authorization settlements. */
  public Optional<String> settlementAddress() {
    return Optional.ofNullable(settlementAddress);
  }

  @Override
  public Optional<ObjectNode> x402Requirements(Challenge challenge) {
    return x402.requirements(challenge);
  }

  @Override
  public Credential x402Credential(Challenge challenge, ObjectNode paymentPayload) {
    return x402.credential(challenge, paymentPayload);
  }

  /** Configures an {@link EvmMethod}. */
  public static final class Builder {
    private static final List<String> SUPPORTED =
        List.of(EvmTerms.AUTHORIZATION, EvmTerms.TRANSACTION, EvmTerms.HASH);

    private Long chainId;
    private URI rpcUrl;
    private boolean allowInsecureRpc;
    private String currency;
    private String tokenName;
    private String tokenVersion;
    private int decimals = 6;
    private String recipient;
    private BigInteger settlementKey;
    private List<String> credentialTypes = List.of(EvmTerms.AUTHORIZATION);
    private String permit2Address = PERMIT2;
    private Duration x402MaxTimeout = Duration.ofSeconds(120);
    private Duration maxAuthorizationValidity = Duration.ofMinutes(10);
    private Duration maxTransactionAge = Duration.ofMinutes(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration rpcTimeout = Duration.ofSeconds(10);
    private Duration receiptTimeout = Duration.ofSeconds(30);
    private Store store;
    private Duration replayTtl = VerificationContext.DEFAULT_REPLAY_TTL;
    private int maxConcurrentSettlements = 32;
    private int maxSettlementsPerPayer = 2;
    private BigInteger maxFeePerGas = BigInteger.valueOf(500_000_000_000L);
    private BigInteger maxGas = BigInteger.valueOf(300_000);

    private Builder() {}

    /** The EIP-155 chain id (required). */
    public Builder chainId(long chainId) {
      if (chainId <= 0) {
        throw new IllegalArgumentException("chain id must be positive");
      }
      this.chainId = chainId;
      return this;
    }

    /**
     * The JSON-RPC endpoint (required). It must be {@code https} unless its host is a loopback
     * address or {@link #allowInsecureRpc} is set: receipts are accepted on the node's word.
     */
    public Builder rpcUrl(String url) {
      URI uri = URI.create(Objects.requireNonNull(url, "url"));
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("RPC URL must be http or https");
      }
      this.rpcUrl = uri;
      return this;
    }

    /** INSECURE: accepts a plain {@code http} RPC URL on a non-loopback host. Off by default. */
    public Builder allowInsecureRpc(boolean allow) {
      this.allowInsecureRpc = allow;
      return this;
    }

    /** The ERC-20 token charged (required); it must implement EIP-3009 for authorizations. */
    public Builder currency(String token) {
      this.currency = Hex.checkedAddress(Objects.requireNonNull(token, "token"));
      return this;
    }

    /**
     * The token's EIP-712 domain name and version (required), e.g. {@code "USD Coin", "2"} for
     * Circle's USDC: authorizations are verified under them, and x402 clients sign with them.
     */
    public Builder token(String name, String version) {
      this.tokenName = requireText(name, "token name");
      this.tokenVersion = requireText(version, "token version");
      return this;
    }

    /** Fraction digits of the token; 6 by default (USDC). */
    public Builder decimals(int decimals) {
      if (decimals < 0 || decimals > 36) {
        throw new IllegalArgumentException("decimals out of range");
      }
      this.decimals = decimals;
      return this;
    }

    /** The address paid (required); an offer's {@code recipient} overrides it. */
    public Builder recipient(String address) {
      this.recipient = Hex.checkedAddress(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * The secp256k1 key ({@code 0x}-hex text or 32 raw bytes) that submits authorizations and pays
     * their gas; required when {@code authorization} is accepted. Keep its account funded.
     */
    public Builder settlementKey(Secret privateKey) {
      this.settlementKey = Secp256k1.privateKey(Objects.requireNonNull(privateKey, "privateKey"));
      return this;
    }

    /**
     * The credential types accepted, in order of preference: {@code authorization} (the default),
     * {@code transaction} and {@code hash}. {@code permit2} is not supported.
     */
    public Builder credentialTypes(String... types) {
      List<String> list = new ArrayList<>();
      for (String type : types) {
        if (!SUPPORTED.contains(type)) {
          throw new IllegalArgumentException("unsupported credential type: " + type);
        }
        if (!list.contains(type)) {
          list.add(type);
        }
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("accept at least one credential type");
      }
      this.credentialTypes = list;
      return this;
    }

    /** The Permit2 address challenges name ({@code methodDetails.permit2Address}). */
    public Builder permit2Address(String address) {
      this.permit2Address = Hex.checkedAddress(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** x402's {@code maxTimeoutSeconds}: how long an x402 client's authorization lasts; 120 s. */
    public Builder x402MaxTimeout(Duration timeout) {
      this.x402MaxTimeout = positive(timeout);
      return this;
    }

    /** The longest validity window an authorization may have; 10 minutes by default. */
    public Builder maxAuthorizationValidity(Duration validity) {
      this.maxAuthorizationValidity = positive(validity);
      return this;
    }

    /** How old a transfer a {@code hash} credential names may be; 10 minutes by default. */
    public Builder maxTransactionAge(Duration age) {
      this.maxTransactionAge = positive(age);
      return this;
    }

    /** Time to open a connection to the node; 5 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** Time for one RPC call; 10 s by default. */
    public Builder rpcTimeout(Duration timeout) {
      this.rpcTimeout = positive(timeout);
      return this;
    }

    /** Time to wait for a settlement's receipt; 30 s by default. */
    public Builder receiptTimeout(Duration timeout) {
      this.receiptTimeout = positive(timeout);
      return this;
    }

    /** Where authorizations, nonces and hashes are claimed; the engine's store by default. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** How long a used authorization or hash is remembered; 7 days by default. */
    public Builder replayTtl(Duration ttl) {
      this.replayTtl = positive(ttl);
      return this;
    }

    /** Settlements waiting for their receipt at once, in total (32) and per payer (2). */
    public Builder maxConcurrentSettlements(int total, int perPayer) {
      if (total < 1 || perPayer < 1 || perPayer > total) {
        throw new IllegalArgumentException("bounds must be positive, per payer <= total");
      }
      this.maxConcurrentSettlements = total;
      this.maxSettlementsPerPayer = perPayer;
      return this;
    }

    /** The highest fee per gas (wei) a settlement pays (500 gwei) and its gas limit (300,000). */
    public Builder maxFees(BigInteger maxFeePerGas, long maxGas) {
      if (maxFeePerGas.signum() <= 0 || maxGas < 50_000) {
        throw new IllegalArgumentException("fee limits too low");
      }
      this.maxFeePerGas = maxFeePerGas;
      this.maxGas = BigInteger.valueOf(maxGas);
      return this;
    }

    /**
     * Builds the method.
     *
     * @throws IllegalStateException when a required setting is missing or the RPC URL is plain HTTP
     *     on a remote host
     */
    public EvmMethod build() {
      if (chainId == null || rpcUrl == null || currency == null || recipient == null) {
        throw new IllegalStateException("chainId, rpcUrl, currency and recipient are required");
      }
      if (tokenName == null) {
        throw new IllegalStateException("the token's EIP-712 name and version are required");
      }
      if (credentialTypes.contains(EvmTerms.AUTHORIZATION) && settlementKey == null) {
        throw new IllegalStateException("authorization credentials need a settlement key");
      }
      if (maxAuthorizationValidity.compareTo(x402MaxTimeout.plusSeconds(30)) < 0) {
        throw new IllegalStateException(
            "maxAuthorizationValidity must exceed x402MaxTimeout by 30 seconds");
      }
      UpstreamUrls.requireSecure(rpcUrl, allowInsecureRpc, "EVM RPC URL", "allowInsecureRpc");
      return new EvmMethod(this);
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return value;
    }

    private static Duration positive(Duration value) {
      if (Objects.requireNonNull(value, "duration").isNegative() || value.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return value;
    }
  }
}
