package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.event.PaymentListener;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Drives the real engine with a session-serving {@link TempoMethod} on a local chain: a payer that
 * opens channels on the project's escrow with a signed {@code 0x76} transaction and signs vouchers,
 * and helpers that send them on a content request ({@code GET}) or a management one ({@code POST}
 * without body).
 */
public final class SessionHarness {
  static final String PATH = "/api/stream";

  final LocalTempoChain chain;
  final String escrow;
  public final TempoMethod method;
  private final boolean sponsored;
  final Mpp mpp;
  final List<Offer> offers;

  public SessionHarness(LocalTempoChain chain, String escrow, Store store, String price) {
    this(chain, escrow, store, price, TempoSessionSettings.builder());
  }

  public SessionHarness(
      LocalTempoChain chain,
      String escrow,
      Store store,
      String price,
      TempoSessionSettings.Builder settings) {
    this(chain, escrow, store, price, settings, false);
  }

  /** With {@code sponsored}, the server pays the fees of open and top-up transactions. */
  public SessionHarness(
      LocalTempoChain chain,
      String escrow,
      Store store,
      String price,
      TempoSessionSettings.Builder settings,
      boolean sponsored) {
    this(chain, escrow, store, price, settings, sponsored, null);
  }

  /** With {@code clock} (null: the system's), the engine's time, to let challenges expire. */
  public SessionHarness(
      LocalTempoChain chain,
      String escrow,
      Store store,
      String price,
      TempoSessionSettings.Builder settings,
      boolean sponsored,
      java.time.Clock clock) {
    this(chain, escrow, store, price, settings, sponsored, clock, List.of());
  }

  /** With {@code listeners} of the engine's payment events too. */
  public SessionHarness(
      LocalTempoChain chain,
      String escrow,
      Store store,
      String price,
      TempoSessionSettings.Builder settings,
      boolean sponsored,
      java.time.Clock clock,
      List<PaymentListener> listeners) {
    this.chain = chain;
    this.escrow = escrow;
    this.sponsored = sponsored;
    TempoMethod.Builder tempo = TempoMethod.builder();
    if (sponsored) {
      tempo.feePayer(Secret.of(chain.sponsor().privateKey()));
    }
    this.method =
        tempo
            .chainId(LocalTempoChain.CHAIN_ID)
            .rpcUrl(chain.rpcUrl())
            .currency(LocalTempoChain.PATH_USD)
            .session(
                settings
                    .escrow(escrow)
                    .payeeKey(Secret.of(chain.merchant().privateKey()))
                    .payeeFeeToken(LocalTempoChain.ALPHA_USD)
                    .build())
            .build();
    Mpp.Builder builder =
        Mpp.builder()
            .realm("api.example.com")
            .secret(Secret.of("a-session-test-secret-of-32-bytes+"))
            .method(method);
    if (store != null) {
      builder.store(store);
    }
    if (clock != null) {
      builder.clock(clock);
    }
    listeners.forEach(builder::listener);
    this.mpp = builder.build();
    this.offers = List.of(Offer.session(TempoMethod.ID).price(price).unitType("chunk").build());
  }

  public Challenge challenge() {
    Decision decision = mpp.decide(exchange("GET", null), offers);
    if (!(decision instanceof Decision.PaymentRequired required)) {
      throw new IllegalStateException("expected a challenge: " + describe(decision));
    }
    return required.challenges().get(0);
  }

  /** Sends {@code payload} for {@code challenge} on {@code httpMethod} (GET serves content). */
  public Decision send(String httpMethod, Challenge challenge, ObjectNode payload) {
    String authorization =
        PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
    return mpp.decide(exchange(httpMethod, authorization), offers);
  }

  static PaymentExchange exchange(String httpMethod, String authorization) {
    Map<String, List<String>> headers =
        authorization == null ? Map.of() : Map.of("authorization", List.of(authorization));
    return HttpExchanges.of(
            httpMethod, PATH, "chunks=3", name -> headers.get(name.toLowerCase()), new byte[0])
        .build();
  }

  /** A channel opened by {@code payer} through this server: its id, salt and deposit. */
  public record Channel(
      String id, LocalTempoChain.DevAccount payer, String salt, BigInteger deposit) {}

  public Channel newChannel(LocalTempoChain.DevAccount payer, long deposit) {
    byte[] salt = new byte[32];
    new java.security.SecureRandom().nextBytes(salt);
    String saltHex = Hex.encode(salt);
    String payee = chain.merchant().address();
    String id =
        Escrow.channelId(
            payer.address(),
            payee,
            LocalTempoChain.PATH_USD,
            saltHex,
            payer.address(),
            escrow,
            LocalTempoChain.CHAIN_ID);
    return new Channel(id, payer, saltHex, BigInteger.valueOf(deposit));
  }

  /** A payer transaction on the protocol nonce lane (this anvil mines one expiring nonce each). */
  String payerTransaction(LocalTempoChain.DevAccount payer, String to, byte[]... calls) {
    long nonce =
        Hex.quantity(chain.rpc("eth_getTransactionCount", payer.address(), "pending").asText())
            .longValueExact();
    TestPayer tx =
        TestPayer.from(payer).nonceKey(BigInteger.ZERO).nonce(nonce).validBefore(0).gas(1_000_000);
    for (int i = 0; i < calls.length; i++) {
      tx.call(i == calls.length - 1 ? to : LocalTempoChain.PATH_USD, calls[i]);
    }
    return tx.signedHex();
  }

  /** The escrow's view of a channel. */
  Escrow.OnChain onChain(String channelId) {
    com.fasterxml.jackson.databind.node.ObjectNode call = Json.object();
    call.put("to", escrow);
    call.put("data", Hex.encode(Escrow.getChannel(channelId)));
    return Escrow.decodeChannel(Hex.decode(chain.rpc("eth_call", call, "latest").asText()));
  }

  /** The signed open transaction: approve, then open with the payer as authorized signer. */
  String openTransaction(Channel channel) {
    TestPayer payer = TestPayer.from(channel.payer());
    if (sponsored) {
      payer.sponsored();
    }
    return payer
        .gas(1_500_000)
        .call(LocalTempoChain.PATH_USD, approve(escrow, channel.deposit()))
        .call(
            escrow,
            Abi.call(
                Escrow.OPEN,
                Abi.address(chain.merchant().address()),
                Abi.address(LocalTempoChain.PATH_USD),
                Abi.uint(channel.deposit()),
                Abi.bytes32(channel.salt()),
                Abi.address(channel.payer().address())))
        .signedHex();
  }

  static byte[] approve(String spender, BigInteger amount) {
    return Abi.call(Escrow.APPROVE, Abi.address(spender), Abi.uint(amount));
  }

  public ObjectNode open(Channel channel, long cumulative) {
    ObjectNode payload = voucherPayload("open", channel, cumulative, channel.payer().key());
    payload.put("type", "transaction");
    payload.put("transaction", openTransaction(channel));
    payload.put("authorizedSigner", channel.payer().address());
    return payload;
  }

  /** A {@code topUp} payload: the payer's signed {@code approve} and {@code topUp(channelId)}. */
  ObjectNode topUp(Channel channel, long amount) {
    BigInteger additional = BigInteger.valueOf(amount);
    ObjectNode payload = Json.object();
    payload.put("action", "topUp");
    payload.put("type", "transaction");
    payload.put("channelId", channel.id());
    payload.put("additionalDeposit", additional.toString());
    payload.put(
        "transaction",
        payerTransaction(
            channel.payer(),
            escrow,
            approve(escrow, additional),
            Abi.call(Escrow.TOP_UP, Abi.bytes32(channel.id()), Abi.uint(additional))));
    return payload;
  }

  public ObjectNode voucher(Channel channel, long cumulative) {
    return voucherPayload("voucher", channel, cumulative, channel.payer().key());
  }

  public ObjectNode close(Channel channel, long cumulative) {
    return voucherPayload("close", channel, cumulative, channel.payer().key());
  }

  ObjectNode voucherPayload(String action, Channel channel, long cumulative, BigInteger key) {
    ObjectNode payload = Json.object();
    payload.put("action", action);
    payload.put("channelId", channel.id());
    payload.put("cumulativeAmount", Long.toString(cumulative));
    payload.put("signature", sign(channel.id(), cumulative, key));
    return payload;
  }

  String sign(String channelId, long cumulative, BigInteger key) {
    byte[] digest =
        Voucher.digest(
            Voucher.Protocol.V1,
            LocalTempoChain.CHAIN_ID,
            escrow,
            channelId,
            BigInteger.valueOf(cumulative));
    return Hex.encode(Secp256k1.sign(digest, key).toBytes65());
  }

  public static String describe(Decision decision) {
    if (decision instanceof Decision.PaymentRequired r) {
      return "402 " + r.problem().toJson();
    }
    if (decision instanceof Decision.Rejected r) {
      return r.problem().status() + " " + r.problem().toJson();
    }
    return decision.getClass().getSimpleName();
  }

  /** Sends the payer's on-chain {@code requestClose} of {@code channel}; its receipt's status. */
  String requestClose(Channel channel) {
    String tx =
        payerTransaction(
            channel.payer(),
            escrow,
            Abi.call(Abi.selector("requestClose(bytes32)"), Abi.bytes32(channel.id())));
    return chain.rpc("eth_sendRawTransactionSync", tx).path("status").asText();
  }

  /** Waits up to {@code seconds} for {@code condition}, polling every 50 ms. */
  static void eventually(int seconds, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Opens a channel of {@code deposit} for a fresh payer with a first content request paid by a
   * voucher of {@code cumulative}.
   *
   * @throws AssertionError when the open is not paid
   */
  Channel openedWithContent(long deposit, long cumulative) {
    Channel channel = newChannel(chain.freshAccount(), deposit);
    Decision decision = send("GET", challenge(), open(channel, cumulative));
    if (!(decision instanceof Decision.Paid paid)) {
      throw new AssertionError("open not paid: " + describe(decision));
    }
    paid.settlement().complete();
    return channel;
  }
}
