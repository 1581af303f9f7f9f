package io.mpp4j.evm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * EVM authorization work that needs no network: the EIP-712 digest of an EIP-3009 authorization,
 * and the whole check before any RPC (parse, recipient, amount, challenge-bound nonce, validity
 * window, signature recovery). Lives in the method's package to reach its package-private classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class EvmBenchmark {
  private static final long CHAIN = 84532;
  private static final String TOKEN = "0x036cbd53842c5426634e7929541ec2318f3dcf7e";
  private static final String MERCHANT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final BigInteger PAYER_KEY =
      new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);

  private AuthorizationCheck check;
  private EvmTerms terms;
  private Credential credential;
  private Authorization authorization;
  private byte[] domain;
  private Instant now;

  @Setup
  public void setUp() {
    now = Instant.now();
    check = new AuthorizationCheck(CHAIN, TOKEN, "USDC", "2", Duration.ofMinutes(10));
    terms =
        new EvmTerms(
            BigInteger.valueOf(10_000), TOKEN, MERCHANT, CHAIN, List.of("authorization"), false);
    Challenge challenge =
        new Challenge(
            "bench-challenge-id",
            "bench.example.com",
            "evm",
            "charge",
            "e30",
            null,
            null,
            null,
            null);
    String nonce = Eip3009.challengeHash(challenge.id(), challenge.realm());
    domain = Eip3009.domainSeparator("USDC", "2", CHAIN, TOKEN);
    Authorization unsigned =
        new Authorization(
            Secp256k1.address(PAYER_KEY),
            MERCHANT,
            BigInteger.valueOf(10_000),
            BigInteger.ZERO,
            BigInteger.valueOf(now.getEpochSecond() + 300),
            nonce,
            null);
    Secp256k1.Signature signature = Secp256k1.sign(Eip3009.digest(domain, unsigned), PAYER_KEY);
    authorization =
        new Authorization(
            unsigned.from(),
            unsigned.to(),
            unsigned.value(),
            unsigned.validAfter(),
            unsigned.validBefore(),
            nonce,
            signature);
    ObjectNode payload = Json.object();
    payload.put("type", "authorization");
    payload.put("from", unsigned.from());
    payload.put("to", MERCHANT);
    payload.put("value", "10000");
    payload.put("validAfter", "0");
    payload.put("validBefore", unsigned.validBefore().toString());
    payload.put("nonce", nonce);
    payload.put("signature", Hex.encode(signature.toBytes65()));
    credential = new Credential(challenge, payload, null);
  }

  /** The EIP-712 digest a payer signs. */
  @Benchmark
  public byte[] digest() {
    return Eip3009.digest(domain, authorization);
  }

  /** Everything checked before any RPC, signature recovery included. */
  @Benchmark
  public Authorization checkAuthorization() {
    return check.check(credential, terms, now, "bench.example.com");
  }
}
