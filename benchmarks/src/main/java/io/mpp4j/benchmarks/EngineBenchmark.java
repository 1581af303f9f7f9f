package io.mpp4j.benchmarks;

import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExchange;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.HttpExchanges;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.testing.FakePaymentMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's hot paths without any network: issuing a 402 (request JCS, base64url, HMAC, header
 * formatting), parsing and authenticating a credential, the whole paid decision with a no-network
 * method, and a memory-store claim. The fork runs with the engine's settlement log line at WARN: it
 * is written after the decision, on the engine's event thread, and JMH carries a fork's console
 * output to its own process line by line; {@link PaidDecisionLoggedBenchmark} measures the decision
 * with the line on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms1g",
      "-Xmx1g",
      "-XX:+AlwaysPreTouch",
      "-Dorg.slf4j.simpleLogger.log.io.mpp4j.payments=warn"
    })
public class EngineBenchmark {
  private static final String SECRET = "a-benchmark-secret-that-is-at-least-32-bytes";
  private static final List<Offer> OFFERS =
      List.of(Offer.charge(FakePaymentMethod.ID).price("0.01").description("A fortune").build());

  private final AtomicLong keys = new AtomicLong();
  private Mpp mpp;
  private MemoryStore store;
  private ChallengeBinding binding;
  private PaymentExchange unpaid;
  private String credentialHeader;
  private Credential credential;
  private List<Challenge> challenges;

  @Setup(Level.Trial)
  public void setUp() {
    store = new MemoryStore(10_000_000, java.time.Clock.systemUTC());
    mpp =
        Mpp.builder()
            .realm("bench.example.com")
            .secret(Secret.of(SECRET))
            .store(store)
            .method(new FakePaymentMethod())
            .build();
    binding = ChallengeBinding.of(Secret.of(SECRET), List.of());
    unpaid = exchange(null);
    challenges = ((Decision.PaymentRequired) mpp.decide(unpaid, OFFERS)).challenges();
    credentialHeader = FakePaymentMethod.pay(challenges, FakePaymentMethod.ID, "bench");
    credential = PaymentHeaders.parseCredential(credentialHeader);
  }

  private static PaymentExchange exchange(String authorization) {
    Map<String, List<String>> headers =
        authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization));
    return HttpExchanges.of("GET", "/api/fortune", null, headers::get, new byte[0]).build();
  }

  /** A 402: everything an unpaid request costs. */
  @Benchmark
  public Decision issueChallenge() {
    return mpp.decide(unpaid, OFFERS);
  }

  /** Decoding an Authorization header into a credential. */
  @Benchmark
  public Credential parseCredential() {
    return PaymentHeaders.parseCredential(credentialHeader);
  }

  /** Recomputing and comparing the HMAC id of an echoed challenge. */
  @Benchmark
  public boolean verifyChallengeId() {
    return binding.verify(credential.challenge());
  }

  /** Paid decisions per invocation of {@link #paidDecision}. */
  static final int PAID_BATCH = 10_000;

  /**
   * A batch of fresh credentials per invocation (each challenge can be paid once), with an engine
   * and a store of its own, so that the store holds what a server accumulates in a few seconds and
   * does not grow for the whole run.
   */
  @State(Scope.Thread)
  public static class FreshCredentials {
    Mpp mpp;
    PaymentExchange[] paid;
    private long counter;

    @Setup(Level.Invocation)
    public void payNewChallenges() {
      mpp =
          Mpp.builder()
              .realm("bench.example.com")
              .secret(Secret.of(SECRET))
              .store(new MemoryStore(4 * PAID_BATCH, java.time.Clock.systemUTC()))
              .method(new FakePaymentMethod())
              .build();
      PaymentExchange unpaid = exchange(null);
      paid = new PaymentExchange[PAID_BATCH];
      for (int i = 0; i < PAID_BATCH; i++) {
        List<Challenge> fresh =
            ((Decision.PaymentRequired) mpp.decide(unpaid, OFFERS)).challenges();
        paid[i] =
            exchange(
                FakePaymentMethod.pay(
                    fresh, FakePaymentMethod.ID, Thread.currentThread().getId() + "-" + counter++));
      }
    }
  }

  /**
   * The whole paid decision: parse, HMAC, pinning, expiry, the single-use claim, the method, the
   * settlement's completion and the receipt header (credentials are prepared outside the
   * measurement); averaged over a batch.
   */
  @Benchmark
  @OperationsPerInvocation(PAID_BATCH)
  public void paidDecision(FreshCredentials fresh, Blackhole blackhole) {
    decideAll(fresh, blackhole);
  }

  /** Decides every prepared paid exchange of {@code fresh} and formats its receipt. */
  static void decideAll(FreshCredentials fresh, Blackhole blackhole) {
    for (PaymentExchange exchange : fresh.paid) {
      Decision.Paid paid = (Decision.Paid) fresh.mpp.decide(exchange, OFFERS);
      blackhole.consume(PaymentHeaders.formatReceipt(paid.settlement().complete()));
    }
  }

  /**
   * One claim of a new key in the in-memory store, then its release (so that a long run does not
   * fill the bounded store, which would then refuse claims by design).
   */
  @Benchmark
  public boolean memoryClaim() {
    String key = "bench:" + keys.incrementAndGet();
    boolean claimed = store.claim(key, Duration.ofMinutes(5));
    store.release(key);
    return claimed;
  }
}
