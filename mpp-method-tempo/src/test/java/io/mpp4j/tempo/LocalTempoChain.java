package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Secp256k1;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real local Tempo chain for tests: anvil 1.7.1 in Tempo mode from {@code tools/node_modules},
 * started on a free port before the test class and stopped after it. Its dev accounts hold every
 * TIP-20 token; this anvil mines one expiring-nonce transaction per sender, so each payment comes
 * from a fresh account ({@link #freshAccount()}). Fails loudly when anvil is not installed.
 */
public final class LocalTempoChain implements BeforeAllCallback, AfterAllCallback {
  public static final long CHAIN_ID = 31337;
  public static final String PATH_USD = "0x20c0000000000000000000000000000000000000";
  public static final String ALPHA_USD = "0x20c0000000000000000000000000000000000001";
  public static final String BETA_USD = "0x20c0000000000000000000000000000000000002";
  private static final int ACCOUNTS = 300;
  private static final Pattern KEY = Pattern.compile("^\\((\\d+)\\) (0x[0-9a-fA-F]{64})\\s*$");
  private static final Pattern LISTENING = Pattern.compile("Listening on [0-9.]+:(\\d+)");

  private final List<String> options;
  private Process process;
  private URI rpcUrl;
  private JsonRpc rpc;
  private final List<DevAccount> accounts = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger(3);

  /** anvil in Tempo mode at its default hardfork, mining on demand. */
  public LocalTempoChain() {
    this(List.of());
  }

  private LocalTempoChain(List<String> options) {
    this.options = List.copyOf(options);
  }

  /**
   * anvil at hardfork T4 with a block every quarter second: access-key permissions with periodic
   * limits and call scopes (TIP-1011), as subscriptions need them. Each block moves chain time by
   * at least a second, so chain time runs ahead of the wall clock; move it further with {@link
   * #advance}.
   */
  public static LocalTempoChain atT4() {
    return new LocalTempoChain(List.of("--hardfork", "t4", "--block-time", "0.25"));
  }

  /** Moves chain time forward by {@code seconds} and mines a block at the new time. */
  public void advance(long seconds) {
    rpc.call("evm_increaseTime", seconds);
    rpc.call("evm_mine");
  }

  /** The timestamp of the latest block. */
  public long chainTime() {
    return Hex.quantity(
            rpc.call("eth_getBlockByNumber", "latest", false).path("timestamp").asText())
        .longValueExact();
  }

  /** A pre-funded dev account. */
  public record DevAccount(String privateKey, String address) {
    java.math.BigInteger key() {
      return Secp256k1.privateKey(Hex.decode(privateKey, 32));
    }

    public String did() {
      return PayerSource.did(CHAIN_ID, address);
    }
  }

  /** The {@code tools/} folder, from system property {@code mpp.tools.dir}. */
  public static Path toolsDir() {
    String dir = System.getProperty("mpp.tools.dir");
    if (dir == null) {
      throw new IllegalStateException("system property mpp.tools.dir is not set (run via Maven)");
    }
    return Path.of(dir);
  }

  static Path anvil() {
    Path anvil = toolsDir().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(anvil)) {
      throw new IllegalStateException(
          "anvil is not installed at " + anvil + "; run tools/install.sh (npm ci in tools/)");
    }
    return anvil;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws IOException, InterruptedException {
    accounts.clear(); // a shared extension instance is started again for each test class
    next.set(3);
    List<String> command =
        new ArrayList<>(
            List.of(
                anvil().toString(),
                "--network",
                "tempo",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--timestamp",
                Long.toString(Instant.now().getEpochSecond()),
                "--accounts",
                Integer.toString(ACCOUNTS)));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    process = builder.start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                boolean keys = false;
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("Private Keys")) {
                    keys = true;
                  } else if (line.startsWith("Wallet") || line.startsWith("Chain ID")) {
                    keys = false;
                  }
                  Matcher key = KEY.matcher(line);
                  if (keys && key.matches()) {
                    String hex = key.group(2).toLowerCase();
                    accounts.add(
                        new DevAccount(
                            hex, Secp256k1.address(Secp256k1.privateKey(Hex.decode(hex)))));
                  }
                  Matcher listening = LISTENING.matcher(line);
                  if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("anvil exited early"));
            },
            "anvil-output");
    reader.setDaemon(true);
    reader.start();
    int actual;
    try {
      actual = port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("anvil did not start", e);
    }
    if (accounts.size() != ACCOUNTS) {
      stop();
      throw new IllegalStateException("read " + accounts.size() + " dev keys from anvil");
    }
    rpcUrl = URI.create("http://127.0.0.1:" + actual);
    rpc = new JsonRpc(rpcUrl, Duration.ofSeconds(5), Duration.ofSeconds(20));
    // without this block the latest timestamp is the genesis one and validBefore checks fail
    rpc.call("evm_mine");
  }

  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      process = null;
    }
  }

  public URI rpcUrl() {
    return rpcUrl;
  }

  public JsonNode rpc(String method, Object... params) {
    return rpc.call(method, params);
  }

  /** A Tempo method on this chain charging pathUSD to {@link #merchant()}. */
  public TempoMethod.Builder merchantMethod() {
    return TempoMethod.builder()
        .chainId(CHAIN_ID)
        .rpcUrl(rpcUrl)
        .currency(PATH_USD)
        .recipient(merchant().address());
  }

  /** Account 0: the fee payer in sponsorship tests. */
  public DevAccount sponsor() {
    return accounts.get(0);
  }

  /** Account 1: the merchant. */
  public DevAccount merchant() {
    return accounts.get(1);
  }

  /** Account 2: a split recipient. */
  public DevAccount partner() {
    return accounts.get(2);
  }

  /** A dev account no test has paid from yet. */
  public DevAccount freshAccount() {
    int index = next.getAndIncrement();
    if (index >= accounts.size()) {
      throw new IllegalStateException("out of fresh dev accounts");
    }
    return accounts.get(index);
  }

  /** The TIP-20 balance of {@code address} in {@code token}. */
  public java.math.BigInteger balance(String token, String address) {
    com.fasterxml.jackson.databind.node.ObjectNode call = io.mpp4j.core.codec.Json.object();
    call.put("to", token);
    call.put("data", "0x70a08231" + "0".repeat(24) + address.substring(2));
    return Hex.quantity(rpc.call("eth_call", call, "latest").asText());
  }
}
