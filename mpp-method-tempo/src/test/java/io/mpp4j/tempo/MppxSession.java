package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reference client's v1 session manager ({@code mppx@0.11.0} {@code tempo.sessionLegacy} with
 * {@code escrowContract} set) as a test tool: runs {@code tools/mppx-session.mjs} with a plan of
 * fetches, SSE streams and a close against a base URL, and returns its JSON ({@code results},
 * {@code channelId}, {@code cumulative}, or {@code error}).
 */
public final class MppxSession {
  private MppxSession() {}

  public static JsonNode run(
      URI base,
      LocalTempoChain chain,
      LocalTempoChain.DevAccount payer,
      String escrow,
      String maxDeposit,
      String planJson)
      throws IOException, InterruptedException {
    Path script = LocalTempoChain.toolsDir().resolve("mppx-session.mjs");
    String baseText = base.toString().replaceAll("/$", "");
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                script.toString(),
                "--base",
                baseText,
                "--rpc",
                chain.rpcUrl().toString(),
                "--chain-id",
                Long.toString(LocalTempoChain.CHAIN_ID),
                "--key",
                payer.privateKey(),
                "--escrow",
                escrow,
                "--max-deposit",
                maxDeposit,
                "--plan",
                planJson)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("MPPX_TRACE", "1");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("mppx-session.mjs timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    if (process.exitValue() != 0 || text.isEmpty()) {
      throw new IllegalStateException("mppx-session.mjs failed: " + text);
    }
    return new ObjectMapper().readTree(text);
  }
}
