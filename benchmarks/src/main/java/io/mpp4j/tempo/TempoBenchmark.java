package io.mpp4j.tempo;

import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tempo pull-mode work that needs no network: decoding a signed 0x76 transaction, recovering its
 * sender (secp256k1), and the whole pre-broadcast check (chain, calls, attribution memo, validity,
 * sender). Lives in the method's package to reach its package-private codec.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class TempoBenchmark {
  private static final long CHAIN = 42431;
  private static final String TOKEN = "0x20c0000000000000000000000000000000000000";
  private static final String MERCHANT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String REALM = "bench.example.com";
  private static final String CHALLENGE = "bench-challenge-id";
  private static final BigInteger PAYER_KEY =
      new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);

  private byte[] raw;
  private TempoTransaction decoded;
  private ChargeTerms terms;
  private Instant now;
  private Instant expires;

  @Setup
  public void setUp() {
    String memo = Attribution.encode(REALM, null, CHALLENGE);
    raw = new TestPayer(PAYER_KEY, CHAIN).transfer(TOKEN, MERCHANT, 10_000, memo).signed().encode();
    decoded = TempoTransaction.decode(raw);
    var details = Json.object().put("chainId", CHAIN);
    terms =
        ChargeTerms.of(
            new ChargeRequest(BigInteger.valueOf(10_000), TOKEN, MERCHANT, null, null, details));
    now = Instant.now();
    expires = now.plusSeconds(300);
  }

  @Benchmark
  public TempoTransaction decode() {
    return TempoTransaction.decode(raw);
  }

  @Benchmark
  public String recoverSender() {
    return decoded.sender();
  }

  @Benchmark
  public PullCheck.Checked decodeAndCheck() {
    return PullCheck.check(
        TempoTransaction.decode(raw), terms, null, now, expires, REALM, CHALLENGE, null);
  }
}
