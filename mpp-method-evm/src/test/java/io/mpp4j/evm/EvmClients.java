package io.mpp4j.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real clients as test tools, run with Node.js from {@code tools/}: the official x402 client
 * ({@code @x402/fetch} + {@code @x402/evm} 2.27.0, {@code x402-pay.mjs}) and the reference MPP
 * client's evm method ({@code mppx} 0.11.0, {@code mppx-evm-pay.mjs}). Each prints one JSON line;
 * fails loudly when Node.js or the tools are missing.
 */
public final class EvmClients {
  private EvmClients() {}

  /**
   * Pays {@code url} with the x402 client: {@code status}, {@code paymentResponse} (decoded),
   * {@code paymentRequired} (of a final 402), {@code signature} (the {@code PAYMENT-SIGNATURE} it
   * sent, for replays), {@code body}, and {@code error} when the client threw.
   *
   * @param tamper {@code member=value} rewriting the first requirement before the client reads it,
   *     or null
   */
  public static JsonNode x402(URI url, LocalEvmChain.Account payer, String tamper)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(List.of("--url", url.toString(), "--key", payer.privateKey()));
    if (tamper != null) {
      args.addAll(List.of("--tamper", tamper));
    }
    return run("x402-pay.mjs", args.toArray(String[]::new));
  }

  /**
   * Pays {@code url} with mppx's evm charge client: {@code status}, {@code receipt} (decoded),
   * {@code credential} (the {@code Authorization} value it sent), {@code body}, {@code error}.
   */
  public static JsonNode mppx(URI url, LocalEvmChain.Account payer)
      throws IOException, InterruptedException {
    return run(
        "mppx-evm-pay.mjs",
        "--url",
        url.toString(),
        "--key",
        payer.privateKey(),
        "--token-name",
        LocalEvmChain.TOKEN_NAME,
        "--token-version",
        LocalEvmChain.TOKEN_VERSION);
  }

  static JsonNode run(String script, String... arguments) throws IOException, InterruptedException {
    Path path = LocalEvmChain.toolsDir().resolve(script);
    if (!Files.isRegularFile(path)
        || !Files.isDirectory(LocalEvmChain.toolsDir().resolve("node_modules/@x402/fetch"))) {
      throw new IllegalStateException("the clients are not installed; run tools/install.sh");
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
      throw new IllegalStateException(script + " failed (" + process.exitValue() + "): " + text);
    }
    return new ObjectMapper().readTree(text);
  }
}
