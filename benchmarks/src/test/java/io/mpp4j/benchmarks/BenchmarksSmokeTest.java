package io.mpp4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's check that every JMH benchmark builds and runs one short iteration. It times nothing: the
 * published numbers come from {@code docs/benchmarks.md}'s commands on a quiet machine.
 */
class BenchmarksSmokeTest {

  @Test
  void everyBenchmarkWhenRunOnceThenProducesAScore() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("io\\.mpp4j\\..*Benchmark\\..*")
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .forks(0)
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results)
        .extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1"))
        .contains(
            "EngineBenchmark.issueChallenge",
            "EngineBenchmark.paidDecision",
            "EngineBenchmark.parseCredential",
            "EngineBenchmark.verifyChallengeId",
            "EngineBenchmark.memoryClaim",
            "RedisStoreBenchmark.redisClaim",
            "TempoBenchmark.decode",
            "TempoBenchmark.recoverSender",
            "TempoBenchmark.decodeAndCheck",
            "SessionBenchmark.verifyVoucher",
            "SessionBenchmark.verifyVoucherNewSigner",
            "SessionBenchmark.verifyVoucherBouncyCastle",
            "SessionBenchmark.paidSessionRequest",
            "EvmBenchmark.digest",
            "EvmBenchmark.checkAuthorization");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
