package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.examples.ExampleServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tempo end to end on a local chain (draft-tempo-charge-00 §5 pull and push settlement): paid
 * requests per second through the example server, the latency of the paid request, and the JSON-RPC
 * calls the server makes per payment, counted by a proxy between the server and anvil.
 *
 * <p>Each client thread pays from its own dev account with protocol nonces (nonce key 0, nonce
 * incremented per payment), since anvil mines one expiring-nonce transaction per sender. In pull
 * mode the server broadcasts the client's signed transaction; in push mode the client broadcasts it
 * straight to anvil (its own cost, not counted) and sends the hash. Usage: {@code
 * TempoLoadBenchmark [payments=200] [clients=8] [output=<repo>/benchmarks/target/tempo-load.md]}
 * with system property {@code mpp.tools.dir} naming the repository's {@code tools/} folder.
 */
public final class TempoLoadBenchmark {
  private static final String ROUTE = "/api/fortune";
  private static final String REALM = "bench.localhost";
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalTempoChain chain;
  private final RpcCounter counter;
  private final ExampleServer server;
  private final HttpClient http;
  private final List<Payer> payers = new ArrayList<>();
  private final LongAdder settled = new LongAdder();

  private TempoLoadBenchmark(
      LocalTempoChain chain, RpcCounter counter, ExampleServer server, int clients) {
    this.chain = chain;
    this.counter = counter;
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    for (int i = 0; i < clients; i++) {
      LocalTempoChain.DevAccount account = chain.freshAccount();
      Payer payer = new Payer(account, 0);
      payer.resync(chain);
      payers.add(payer);
    }
  }

  public static void main(String[] args) throws Exception {
    int payments = args.length > 0 ? positive(args[0], "payments") : 200;
    int clients = args.length > 1 ? positive(args[1], "clients") : 8;
    Path output =
        args.length > 2
            ? Path.of(args[2])
            : LocalTempoChain.toolsDir()
                .toAbsolutePath()
                .getParent()
                .resolve("benchmarks/target/tempo-load.md");

    LocalTempoChain chain = new LocalTempoChain();
    // stops anvil on Ctrl-C too
    Runtime.getRuntime().addShutdownHook(new Thread(chain::stop, "anvil-stop"));
    chain.start();
    boolean passed;
    try (RpcCounter counter = RpcCounter.start(chain.rpcUrl())) {
      TempoMethod tempo =
          TempoMethod.builder()
              .chainId(LocalTempoChain.CHAIN_ID)
              .rpcUrl(counter.uri())
              .currency(LocalTempoChain.PATH_USD)
              .recipient(chain.merchant().address())
              .build();
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      ExampleServer.Config config =
          new ExampleServer.Config(0, REALM, Secret.ofBytes(secret), true, false);
      try (ExampleServer server = ExampleServer.start(config, List.<PaymentMethod>of(tempo))) {
        TempoLoadBenchmark bench = new TempoLoadBenchmark(chain, counter, server, clients);
        BigInteger before = chain.balance(LocalTempoChain.PATH_USD, chain.merchant().address());
        List<TempoLoadReport.Result> results = new ArrayList<>();
        for (Mode mode : Mode.values()) {
          results.add(bench.run(mode, payments, clients));
        }
        BigInteger credited =
            chain.balance(LocalTempoChain.PATH_USD, chain.merchant().address()).subtract(before);
        BigInteger expected = BigInteger.valueOf(bench.settled.sum());
        if (!credited.equals(expected)) {
          throw new IllegalStateException(
              "merchant credited " + credited + " base units, but " + expected + " were paid");
        }
        String table = TempoLoadReport.table(results, credited);
        System.out.print(table);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, table, StandardCharsets.UTF_8);
        System.err.println("wrote " + output);
        passed = results.stream().allMatch(r -> r.failures() == 0);
      }
    } finally {
      chain.stop();
    }
    System.exit(passed ? 0 : 1);
  }

  /** How the client pays. */
  enum Mode {
    PULL,
    PUSH;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private TempoLoadReport.Result run(Mode mode, int payments, int clients) throws Exception {
    // warm the JIT and connections, then count only the measured payments
    Outcome warmUp = drive(mode, clients, clients);
    if (warmUp.failures.get() > 0) {
      throw new IllegalStateException(mode.label() + " warm-up failed: " + warmUp.samples);
    }
    counter.reset();
    long start = System.nanoTime();
    Outcome outcome = drive(mode, payments, clients);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] latencies = outcome.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new TempoLoadReport.Result(
        mode,
        payments,
        clients,
        outcome.failures.get(),
        List.copyOf(outcome.samples),
        seconds,
        latencies,
        counter.calls(),
        counter.roundTrips(),
        counter.upstreamNanos());
  }

  private static final class Outcome {
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures = new AtomicInteger();

    void fail(String message) {
      failures.incrementAndGet();
      if (samples.size() < 5) {
        samples.add(message);
      }
    }
  }

  private Outcome drive(Mode mode, int payments, int clients) throws Exception {
    Outcome outcome = new Outcome();
    AtomicInteger tickets = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Payer payer = payers.get(i);
        workers.add(
            pool.submit(
                () -> {
                  while (tickets.getAndIncrement() < payments) {
                    payOnce(mode, payer, outcome);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return outcome;
  }

  private void payOnce(Mode mode, Payer payer, Outcome outcome) {
    // every client asks for the same resource at once: each 402 must still be its own challenge
    URI uri = server.uri(ROUTE);
    try {
      HttpResponse<String> unpaid = get(uri, null);
      if (unpaid.statusCode() != 402) {
        outcome.fail("challenge request answered " + unpaid.statusCode());
        return;
      }
      Challenge challenge =
          PaymentHeaders.parseChallenges(unpaid.headers().allValues("WWW-Authenticate")).stream()
              .filter(c -> c.isFor(TempoMethod.ID, "charge"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no tempo charge challenge"));
      ObjectNode request = challenge.requestJson();
      BigInteger amount = new BigInteger(request.path("amount").asText());
      TestPayer tx =
          TestPayer.from(payer.account)
              .nonceKey(BigInteger.ZERO)
              .nonce(payer.nonce)
              .call(
                  request.path("currency").asText(),
                  Tip20.encodeTransfer(
                      request.path("recipient").asText(),
                      amount,
                      Attribution.encode(challenge.realm(), null, challenge.id())));
      ObjectNode payload = Json.object();
      if (mode == Mode.PULL) {
        payload.put("type", "transaction");
        payload.put("signature", tx.signedHex());
      } else {
        JsonNode receipt = tx.broadcast(chain);
        if (!"0x1".equals(receipt.path("status").asText())) {
          payer.resync(chain);
          outcome.fail("client broadcast reverted");
          return;
        }
        payload.put("type", "hash");
        payload.put("hash", receipt.path("transactionHash").asText());
      }
      String authorization =
          PaymentHeaders.formatCredential(new Credential(challenge, payload, payer.account.did()));
      long started = System.nanoTime();
      HttpResponse<String> paid = get(uri, authorization);
      long elapsed = System.nanoTime() - started;
      if (paid.statusCode() != 200) {
        payer.resync(chain);
        outcome.fail("paid request answered " + paid.statusCode() + ": " + abbreviate(paid.body()));
        return;
      }
      payer.nonce++;
      settled.add(amount.longValueExact());
      outcome.latencies.add(elapsed);
    } catch (Exception e) {
      payer.resync(chain);
      outcome.fail(
          e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
    }
  }

  private HttpResponse<String> get(URI uri, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** A client's dev account and its next protocol nonce; used by one thread at a time. */
  private static final class Payer {
    final LocalTempoChain.DevAccount account;
    long nonce;

    Payer(LocalTempoChain.DevAccount account, long nonce) {
      this.account = account;
      this.nonce = nonce;
    }

    void resync(LocalTempoChain chain) {
      try {
        nonce =
            Hex.quantity(chain.rpc("eth_getTransactionCount", account.address(), "latest").asText())
                .longValueExact();
      } catch (RuntimeException e) {
        // keep the local nonce; the next payment reports whatever is wrong
      }
    }
  }

  private static int positive(String text, String name) {
    int value = Integer.parseInt(text.trim());
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + text);
    }
    return value;
  }
}
