package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * A session channel for benchmarks that need no chain: a session-serving {@link TempoMethod} whose
 * RPC node is never called (the channel's on-chain state is seeded in the store and trusted for a
 * day), the seeded channel, and vouchers for it. Lives in the method's package to reach its
 * package-private state.
 */
public final class SessionFixture {
  /** Anvil's dev account 1: the payee. */
  public static final String PAYEE_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** Anvil's dev account 0: the payer and voucher signer. */
  static final BigInteger PAYER_KEY =
      new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);

  public static final String ESCROW = "0x5e55100000000000000000000000000000000001";
  public static final String CHANNEL =
      "0x6d0f4fdf1f2f6a1f6c1b0fbd6a7d5c2c0a8d3d7b1f6a9c1b3e2d4a5b6c7d8e9f";
  public static final long CHAIN_ID = 31337;

  /** Enough for any benchmark run at any price. */
  public static final BigInteger DEPOSIT = BigInteger.TEN.pow(15);

  private SessionFixture() {}

  /**
   * The per-channel voucher rate limit of benchmark servers, far above what one channel of a load
   * test sends, so that the benchmark measures the paid path rather than the limiter (which still
   * runs); servers keep the default of 10 per second (draft-tempo-session-00 §"Denial of Service").
   */
  public static final int VOUCHER_RATE_LIMIT = 1_000_000;

  /** The session method; its RPC URL points nowhere. */
  public static TempoMethod method() {
    return TempoMethod.builder()
        .chainId(CHAIN_ID)
        .rpcUrl("http://127.0.0.1:9")
        .currency(TempoMethod.PATH_USD)
        .session(
            TempoSessionSettings.builder()
                .escrow(ESCROW)
                .payeeKey(Secret.of(PAYEE_KEY))
                .channelStateTtl(Duration.ofDays(1))
                .closeWatch(Duration.ofDays(1), 1)
                .voucherRateLimit(VOUCHER_RATE_LIMIT, VOUCHER_RATE_LIMIT)
                .build())
        .build();
  }

  /** How many channels {@link #seed} opens: one per concurrent load-test client. */
  public static final int CHANNELS = 64;

  /** The id of seeded channel {@code index} (0 is {@link #CHANNEL}). */
  public static String channel(int index) {
    return index == 0 ? CHANNEL : Hex.encode(Keccak.hash("mpp4j benchmark channel " + index));
  }

  /** Writes {@link #CHANNELS} channels, as if opened with {@link #DEPOSIT}, into {@code store}. */
  public static void seed(Store store) {
    for (int i = 0; i < CHANNELS; i++) {
      seed(store, channel(i));
    }
  }

  private static void seed(Store store, String channelId) {
    String payer = Secp256k1.address(PAYER_KEY);
    long now = Instant.now().getEpochSecond();
    Escrow.OnChain onChain =
        new Escrow.OnChain(
            false,
            0,
            payer,
            Secp256k1.address(Secp256k1.privateKey(Hex.decode(PAYEE_KEY, 32))),
            Hex.address(TempoMethod.PATH_USD),
            payer,
            DEPOSIT,
            BigInteger.ZERO);
    ChannelState state = ChannelState.fromChain(channelId, ESCROW, CHAIN_ID, onChain, now);
    if (!store.compareAndSet(ChannelStore.key(channelId), 0, state.encode(), Duration.ofDays(1))) {
      throw new IllegalStateException("the benchmark channel is already seeded");
    }
  }

  /** A voucher payload for {@code cumulative} on seeded channel {@code channelId}. */
  public static ObjectNode voucher(String channelId, BigInteger cumulative) {
    byte[] digest = Voucher.digest(Voucher.Protocol.V1, CHAIN_ID, ESCROW, channelId, cumulative);
    ObjectNode payload = Json.object();
    payload.put("action", "voucher");
    payload.put("channelId", channelId);
    payload.put("cumulativeAmount", cumulative.toString());
    payload.put("signature", Hex.encode(Secp256k1.sign(digest, PAYER_KEY).toBytes65()));
    return payload;
  }

  /**
   * The {@code Authorization} value of a voucher for {@code cumulative} answering {@code
   * challenge}.
   */
  public static String authorization(Challenge challenge, BigInteger cumulative) {
    return authorization(challenge, CHANNEL, cumulative);
  }

  /** The same for seeded channel {@code channelId}. */
  public static String authorization(Challenge challenge, String channelId, BigInteger cumulative) {
    return PaymentHeaders.formatCredential(
        new Credential(challenge, voucher(channelId, cumulative), null));
  }

  /** Checks a voucher signature as a server does: digest, low s, recovery, signer. */
  static void verify(byte[] digest, String signature, String signer) {
    Voucher.verify(digest, signature, signer, CHANNEL);
  }

  static byte[] digest(BigInteger cumulative) {
    return Voucher.digest(Voucher.Protocol.V1, CHAIN_ID, ESCROW, CHANNEL, cumulative);
  }

  static String payer() {
    return Secp256k1.address(PAYER_KEY);
  }

  static String sign(BigInteger cumulative) {
    return Hex.encode(Secp256k1.sign(digest(cumulative), PAYER_KEY).toBytes65());
  }
}
