package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.StoreRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The real engine and a session-serving {@link TempoMethod} without a chain: the RPC URL points at
 * a closed port, and channels are written into the store as if read from the escrow a moment ago
 * (so no voucher re-reads them). Vouchers are signed by a fixed payer key.
 */
final class ChainlessSession implements AutoCloseable {
  static final String ESCROW = "0x5e55100000000000000000000000000000000001";
  static final long CHAIN_ID = 31337;
  static final BigInteger PAYER_KEY =
      new BigInteger("7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6", 16);
  private static final String PAYEE_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  final MemoryStore store = new MemoryStore();
  final TempoMethod method;
  final Mpp mpp;
  final List<Offer> offers;
  private final ChannelStore channels = new ChannelStore(Duration.ofDays(1));

  ChainlessSession(TempoSessionSettings.Builder settings, String price) {
    this.method =
        TempoMethod.builder()
            .chainId(CHAIN_ID)
            .rpcUrl("http://127.0.0.1:9")
            .currency(TempoMethod.PATH_USD)
            .session(settings.escrow(ESCROW).payeeKey(Secret.of(PAYEE_KEY)).build())
            .build();
    this.mpp =
        Mpp.builder()
            .realm("api.example.com")
            .secret(Secret.of("a-session-fixture-secret-of-32-bytes"))
            .store(store)
            .method(method)
            .build();
    this.offers = List.of(Offer.session(TempoMethod.ID).price(price).unitType("chunk").build());
  }

  /** A channel of the payer with {@code deposit}, as the escrow would show it. */
  String channel(long deposit) {
    byte[] id = new byte[32];
    new java.security.SecureRandom().nextBytes(id);
    String channelId = Hex.encode(id);
    String payer = Secp256k1.address(PAYER_KEY);
    Escrow.OnChain onChain =
        new Escrow.OnChain(
            false,
            0,
            payer,
            Secp256k1.address(new BigInteger(PAYEE_KEY.substring(2), 16)),
            TempoMethod.PATH_USD,
            payer,
            BigInteger.valueOf(deposit),
            BigInteger.ZERO);
    long now = java.time.Instant.now().getEpochSecond();
    channels.replace(
        store, null, ChannelState.fromChain(channelId, ESCROW, CHAIN_ID, onChain, now));
    return channelId;
  }

  /** The channel's stored state and its version. */
  ChannelStore.Versioned state(String channelId) {
    return channels.get(store, channelId).orElseThrow();
  }

  long version(String channelId) {
    return store.get(ChannelStore.key(channelId)).map(StoreRecord::version).orElseThrow();
  }

  Challenge challenge() {
    return ((Decision.PaymentRequired) mpp.decide(SessionHarness.exchange("GET", null), offers))
        .challenges()
        .get(0);
  }

  /**
   * Sends {@code payload} on {@code httpMethod}: GET is a content request, POST a management one.
   */
  Decision send(String httpMethod, ObjectNode payload) {
    String authorization =
        PaymentHeaders.formatCredential(new Credential(challenge(), payload, null));
    return mpp.decide(SessionHarness.exchange(httpMethod, authorization), offers);
  }

  static ObjectNode voucher(String channelId, long cumulative) {
    byte[] digest =
        Voucher.digest(
            Voucher.Protocol.V1, CHAIN_ID, ESCROW, channelId, BigInteger.valueOf(cumulative));
    return voucher(
        channelId, cumulative, Hex.encode(Secp256k1.sign(digest, PAYER_KEY).toBytes65()));
  }

  static ObjectNode voucher(String channelId, long cumulative, String signature) {
    ObjectNode payload = Json.object();
    payload.put("action", "voucher");
    payload.put("channelId", channelId);
    payload.put("cumulativeAmount", Long.toString(cumulative));
    payload.put("signature", signature);
    return payload;
  }

  @Override
  public void close() {
    method.close();
  }
}
