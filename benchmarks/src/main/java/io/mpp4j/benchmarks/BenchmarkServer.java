package io.mpp4j.benchmarks;

import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.examples.ExampleServer;
import io.mpp4j.tempo.SessionFixture;
import io.mpp4j.tempo.TempoMethod;
import java.util.List;

/**
 * The example server as the load benchmark runs it, on plain HTTP. Mode {@code tempo} offers the
 * real Tempo method (a 402 needs no RPC, so the RPC URL points nowhere); mode {@code fake} offers
 * the no-network method so that paid requests measure the SDK, not a chain; mode {@code session}
 * serves sessions with one channel seeded in its memory store ({@link SessionFixture}), so that
 * paid requests inside an open session need no chain either. Usage: {@code BenchmarkServer PORT
 * tempo|fake|session}. The engine's payment log stays at INFO, one line per payment, as in
 * production.
 */
public final class BenchmarkServer {
  /** Shared with {@link CredentialFactory}'s server: challenges are bound to it. */
  static final String SECRET = "a-benchmark-secret-that-is-at-least-32-bytes";

  /**
   * Entries the benchmark's memory store holds: every paid request of case (c) leaves two claims
   * (its challenge's, until the challenge expires, and the no-network method's token, for an hour),
   * and the warm-up and measurement together make up to two million payments; the default store
   * (one million entries) would refuse payments with 503 once full, as it must.
   */
  static final int STORE_ENTRIES = 8_000_000;

  static final long STORE_BYTES = 2L << 30;

  private BenchmarkServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    PaymentMethod method =
        switch (args[1]) {
          case "tempo" ->
              TempoMethod.builder()
                  .chainId(31337)
                  .rpcUrl("http://127.0.0.1:9")
                  .currency(TempoMethod.PATH_USD)
                  .recipient("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
                  .build();
          case "fake" -> new FakePaymentMethod();
          case "session" -> SessionFixture.method();
          default ->
              throw new IllegalArgumentException("mode is tempo, fake or session: " + args[1]);
        };
    MemoryStore store = new MemoryStore(STORE_ENTRIES, STORE_BYTES, java.time.Clock.systemUTC());
    if (args[1].equals("session")) {
      SessionFixture.seed(store);
      System.err.println(
          "voucher rate limit raised to "
              + SessionFixture.VOUCHER_RATE_LIMIT
              + "/s per channel: the load test measures the paid path, not the limiter");
    }
    ExampleServer server =
        ExampleServer.start(
            new ExampleServer.Config(port, "localhost", Secret.of(SECRET), true, false),
            List.of(method),
            store);
    System.err.println("benchmark server (" + args[1] + ") on " + server.uri("/"));
    server.join();
  }
}
