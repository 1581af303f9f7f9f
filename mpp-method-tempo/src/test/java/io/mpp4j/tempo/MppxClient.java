package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference MPP client ({@code mppx@0.11.0} with {@code viem@2.55.13}) as a test tool: runs
 * {@code tools/mppx-pay.mjs} with Node.js to pay a URL with the mppx tempo charge client. Fails
 * loudly when Node.js or the tools are missing. {@link #run} runs the other scripts in {@code
 * tools/}.
 */
public final class MppxClient {
  private MppxClient() {}

  /**
   * Pays {@code url} from {@code payer} on {@code chain} in {@code mode} ({@code pull} or {@code
   * push}) and returns the script's JSON: {@code status}, {@code receipt} (decoded by mppx, or
   * null), {@code credential} (the {@code Authorization} value it sent, for replays), {@code body},
   * and {@code error} when mppx threw.
   */
  public static JsonNode pay(
      URI url, LocalTempoChain chain, LocalTempoChain.DevAccount payer, String mode)
      throws IOException, InterruptedException {
    return run(
        "mppx-pay.mjs",
        "--url",
        url.toString(),
        "--rpc",
        chain.rpcUrl().toString(),
        "--chain-id",
        Long.toString(LocalTempoChain.CHAIN_ID),
        "--key",
        payer.privateKey(),
        "--mode",
        mode);
  }

  /**
   * Subscribes to {@code url} from {@code payer} with mppx {@code version} ({@code 0.9.0} or {@code
   * 0.11.0}, see {@code tools/mppx-subscribe.mjs}) and fetches it {@code count} times with the same
   * client; returns one result per fetch: {@code status}, {@code receipt}, {@code credential},
   * {@code body}, {@code problem}.
   */
  public static JsonNode subscribe(
      URI url, LocalTempoChain chain, LocalTempoChain.DevAccount payer, String version, int count)
      throws IOException, InterruptedException {
    return run(
        "mppx-subscribe.mjs",
        "--url",
        url.toString(),
        "--rpc",
        chain.rpcUrl().toString(),
        "--chain-id",
        Long.toString(LocalTempoChain.CHAIN_ID),
        "--key",
        payer.privateKey(),
        "--mppx",
        version,
        "--count",
        Integer.toString(count));
  }

  /**
   * Runs the Node.js script {@code tools/<script>} with {@code arguments} and returns the one JSON
   * line it prints (e.g. {@code mppx-mcp.mjs}, the mppx MCP client).
   */
  public static JsonNode run(String script, String... arguments)
      throws IOException, InterruptedException {
    Path path = LocalTempoChain.toolsDir().resolve(script);
    if (!Files.isRegularFile(path)
        || !Files.isDirectory(LocalTempoChain.toolsDir().resolve("node_modules/mppx"))) {
      throw new IllegalStateException(
          "mppx is not installed under " + LocalTempoChain.toolsDir() + "; run tools/install.sh");
    }
    List<String> command = new ArrayList<>(List.of("node", path.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(script + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    if (process.exitValue() != 0 || text.isEmpty()) {
      throw new IllegalStateException(
          script + " failed with exit code " + process.exitValue() + ": " + text);
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
  }
}
