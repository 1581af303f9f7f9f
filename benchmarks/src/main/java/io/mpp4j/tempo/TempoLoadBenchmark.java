package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.PaymentMethod;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.examples.ExampleServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
        List<Result> results = new ArrayList<>();
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
        String table = table(results, credited);
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

  /** One mode's outcome. */
  record Result(
      Mode mode,
      int payments,
      int clients,
      int failures,
      List<String> failureSamples,
      double seconds,
      long[] latenciesNanos,
      Map<String, Long> calls,
      long roundTrips,
      long upstreamNanos) {

    double perSecond() {
      return (payments - failures) / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p * latenciesNanos.length);
      return latenciesNanos[Math.max(0, rank - 1)] / 1e6;
    }
  }

  private Result run(Mode mode, int payments, int clients) throws Exception {
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
    return new Result(
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

  static String table(List<Result> results, BigInteger credited) {
    StringBuilder out = new StringBuilder();
    out.append("## Tempo end to end on the local chain\n\n");
    out.append(
        "| mode | payments | concurrency | failed | payments/s | p50 ms | p99 ms"
            + " | server RPC round trips / payment | server RPC calls / payment"
            + " | server ms in RPC / payment |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    for (Result r : results) {
      int paid = r.payments() - r.failures();
      StringBuilder calls = new StringBuilder();
      r.calls()
          .forEach(
              (method, count) -> {
                if (calls.length() > 0) {
                  calls.append(", ");
                }
                calls.append(method).append(' ').append(ratio(count, paid));
              });
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %s | %s | %s |%n",
              r.mode().label(),
              r.payments(),
              r.clients(),
              r.failures(),
              r.perSecond(),
              r.percentileMillis(0.50),
              r.percentileMillis(0.99),
              ratio(r.roundTrips(), paid),
              calls.length() == 0 ? "none" : calls,
              paid == 0
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.1f", r.upstreamNanos() / 1e6 / paid)));
    }
    out.append('\n')
        .append("payments/s: wall clock of the whole flow per payment (402, signing, in push mode")
        .append(" the client's own eth_sendRawTransactionSync to anvil, paid request) with all")
        .append(" clients in parallel; latency: the paid request only. RPC counts: every call the")
        .append(" server sent through the counting proxy during the measured payments (challenges")
        .append(
            " included), divided by the payments that succeeded; ms in RPC: the mean time the node (anvil, through the proxy) took to answer them, per payment. One warm-up payment per client")
        .append(" is not counted. All clients pay the same URL concurrently (each challenge is")
        .append(" unique). The merchant's balance grew by exactly the amounts paid (both")
        .append(" modes, warm-up included): ")
        .append(credited)
        .append(" base units.\n");
    for (Result r : results) {
      for (String sample : r.failureSamples()) {
        out.append("\n- ").append(r.mode().label()).append(" failure: ").append(sample);
      }
    }
    if (results.stream().anyMatch(r -> !r.failureSamples().isEmpty())) {
      out.append('\n');
    }
    return out.toString();
  }

  private static String ratio(long count, int paid) {
    return paid == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) count / paid);
  }

  private static int positive(String text, String name) {
    int value = Integer.parseInt(text.trim());
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + text);
    }
    return value;
  }

  /**
   * A loopback JSON-RPC proxy that forwards every request to the node unchanged and counts HTTP
   * round trips and calls per method (each element of a batch counts as one call).
   */
  static final class RpcCounter implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstream;
    private final URI target;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder roundTrips = new LongAdder();
    private final LongAdder upstreamNanos = new LongAdder();

    private RpcCounter(HttpServer server, ExecutorService executor, URI target) {
      this.server = server;
      this.executor = executor;
      this.target = target;
      this.upstream =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }

    static RpcCounter start(URI target) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      RpcCounter counter = new RpcCounter(server, executor, target);
      server.createContext("/", counter::forward);
      server.start();
      return counter;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void reset() {
      calls.clear();
      roundTrips.reset();
      upstreamNanos.reset();
    }

    Map<String, Long> calls() {
      Map<String, Long> snapshot = new TreeMap<>();
      calls.forEach((method, count) -> snapshot.put(method, count.sum()));
      return snapshot;
    }

    long roundTrips() {
      return roundTrips.sum();
    }

    /** Time spent waiting for the node, summed over all round trips. */
    long upstreamNanos() {
      return upstreamNanos.sum();
    }

    private void forward(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        roundTrips.increment();
        count(body);
        HttpResponse<byte[]> reply;
        long started = System.nanoTime();
        try {
          reply =
              upstream.send(
                  HttpRequest.newBuilder(target)
                      .timeout(HTTP_TIMEOUT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exchange.sendResponseHeaders(502, -1);
          return;
        } catch (IOException e) {
          exchange.sendResponseHeaders(502, -1);
          return;
        } finally {
          upstreamNanos.add(System.nanoTime() - started);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] answer = reply.body();
        exchange.sendResponseHeaders(reply.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        }
      }
    }

    private void count(byte[] body) {
      JsonNode json;
      try {
        json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      } catch (IOException e) {
        calls.computeIfAbsent("(unparseable)", k -> new LongAdder()).increment();
        return;
      }
      if (json != null && json.isArray()) {
        for (JsonNode call : json) {
          countCall(call);
        }
      } else {
        countCall(json);
      }
    }

    private void countCall(JsonNode call) {
      String method = call == null ? "(none)" : call.path("method").asText("(none)");
      calls.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
