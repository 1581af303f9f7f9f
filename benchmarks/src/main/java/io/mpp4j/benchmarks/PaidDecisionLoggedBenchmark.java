package io.mpp4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link EngineBenchmark#paidDecision} with the engine's settlement log line on (INFO, one line per
 * payment, written by the event thread through slf4j-simple to the fork's console, which JMH
 * carries to its own process): what the decision costs on a two-core machine when each payment is
 * also logged.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PaidDecisionLoggedBenchmark {
  /** The paid decision as {@link EngineBenchmark#paidDecision}, each payment logged. */
  @Benchmark
  @OperationsPerInvocation(EngineBenchmark.PAID_BATCH)
  public void paidDecisionLogged(EngineBenchmark.FreshCredentials fresh, Blackhole blackhole) {
    EngineBenchmark.decideAll(fresh, blackhole);
  }
}
