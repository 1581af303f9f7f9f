package io.mpp4j.benchmarks;

import io.mpp4j.store.redis.RedisStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One single-use claim ({@code SET NX PX}) in Redis over loopback, as every paid request makes one
 * for its challenge id. Needs Redis on {@code redis://127.0.0.1:6379} (or {@code
 * -Dmpp.redis.uri=...}); keys expire after a minute.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class RedisStoreBenchmark {
  private final AtomicLong keys = new AtomicLong();
  private final String run = UUID.randomUUID().toString();
  private RedisStore store;

  @Setup
  public void connect() {
    store =
        RedisStore.builder()
            .uri(System.getProperty("mpp.redis.uri", "redis://127.0.0.1:6379"))
            .keyPrefix("mpp-bench:")
            .build();
  }

  @TearDown
  public void close() {
    store.close();
  }

  @Benchmark
  public boolean redisClaim() {
    return store.claim(run + ":" + keys.incrementAndGet(), Duration.ofMinutes(1));
  }
}
