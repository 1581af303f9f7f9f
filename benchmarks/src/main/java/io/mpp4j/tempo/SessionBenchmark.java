package io.mpp4j.tempo;

import io.mpp4j.chain.BouncyCastleSecp256k1;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.store.MemoryStore;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session work on the hot path (draft-tempo-session-00 §"Voucher Verification"): a voucher verified
 * (EIP-712 digest, low-s check, signature by the channel's signer) with libsecp256k1 — against the
 * signer's known public key, and by full recovery for a signer not seen yet — and with the
 * BouncyCastle fallback, and a whole paid request inside an open session through the engine
 * (credential decoding, challenge binding, voucher check, one compare-and-set charge in the memory
 * store, settlement completed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class SessionBenchmark {
  private static final Secp256k1.Backend FALLBACK = new BouncyCastleSecp256k1();

  /**
   * Distinct signers for {@link #verifyVoucherNewSigner}: more than the public keys a server keeps
   * (10,000, cleared when full), so that each signer, when its turn comes again, is unknown.
   */
  private static final int NEW_SIGNERS = 16_384;

  private static String[] newSigners;
  private static String[] newSignatures;

  private BigInteger amount;
  private String signature;
  private String payer;
  private Secp256k1.Signature parsed;
  private TempoMethod method;
  private Mpp mpp;
  private List<Offer> offers;
  private PaymentExchange paidExchange;
  private int nextSigner;

  @Setup
  public void setUp() {
    amount = BigInteger.valueOf(250_000);
    signature = SessionFixture.sign(amount);
    payer = SessionFixture.payer();
    parsed = Secp256k1.Signature.fromBytes65(Hex.decode(signature));
    signNewSigners(SessionFixture.digest(amount));
    MemoryStore store = new MemoryStore();
    SessionFixture.seed(store);
    method = SessionFixture.method();
    mpp =
        Mpp.builder()
            .realm("bench.example.com")
            .secret(Secret.of("a-benchmark-secret-that-is-at-least-32-bytes"))
            .store(store)
            .method(method)
            .build();
    offers = List.of(Offer.session(TempoMethod.ID).baseUnits(1).unitType("request").build());
    Decision challenge = mpp.decide(exchange(null), offers);
    Challenge issued = ((Decision.PaymentRequired) challenge).challenges().get(0);
    paidExchange = exchange(SessionFixture.authorization(issued, SessionFixture.DEPOSIT));
  }

  private static synchronized void signNewSigners(byte[] digest) {
    if (newSigners != null) {
      return;
    }
    String[] signers = new String[NEW_SIGNERS];
    String[] signatures = new String[NEW_SIGNERS];
    for (int i = 0; i < NEW_SIGNERS; i++) {
      BigInteger key = BigInteger.valueOf(0x5e55_0000_0000L + i);
      signers[i] = Secp256k1.address(key);
      signatures[i] = Hex.encode(Secp256k1.sign(digest, key).toBytes65());
    }
    newSignatures = signatures;
    newSigners = signers;
  }

  @TearDown
  public void tearDown() {
    method.close();
  }

  private static PaymentExchange exchange(String authorization) {
    Map<String, List<String>> headers =
        authorization == null ? Map.of() : Map.of("authorization", List.of(authorization));
    return HttpExchanges.of(
            "GET", "/api/chat", null, name -> headers.get(name.toLowerCase()), new byte[0])
        .build();
  }

  @Benchmark
  public boolean verifyVoucher() {
    SessionFixture.verify(SessionFixture.digest(amount), signature, payer);
    return true;
  }

  /**
   * A voucher from a signer whose public key the server does not know yet (a channel's first
   * voucher, or one after the key cache was cleared): the full public-key recovery in libsecp256k1,
   * then the address compared.
   */
  @Benchmark
  public boolean verifyVoucherNewSigner() {
    int i = nextSigner++ & (NEW_SIGNERS - 1);
    SessionFixture.verify(SessionFixture.digest(amount), newSignatures[i], newSigners[i]);
    return true;
  }

  /** The same check by public-key recovery in BouncyCastle, as before libsecp256k1. */
  @Benchmark
  public boolean verifyVoucherBouncyCastle() {
    return Secp256k1.recover(FALLBACK, SessionFixture.digest(amount), parsed)
        .filter(payer::equals)
        .isPresent();
  }

  @Benchmark
  public Object paidSessionRequest() {
    Decision decision = mpp.decide(paidExchange, offers);
    if (!(decision instanceof Decision.Paid paid)) {
      throw new IllegalStateException("not paid: " + decision);
    }
    return paid.settlement().complete();
  }
}
