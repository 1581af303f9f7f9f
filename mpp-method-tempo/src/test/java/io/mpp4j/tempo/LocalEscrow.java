package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The project's own session escrow ({@code tools/contracts/StreamChannelEscrow.sol}, compiled by
 * the pinned npm {@code solc} through {@code tools/compile-escrow.mjs}) installed on a {@link
 * LocalTempoChain} with {@code anvil_setCode}. The compiled code is produced at test time and
 * cached per JVM, never committed.
 */
public final class LocalEscrow {
  /** Where tests install the escrow. */
  public static final String ADDRESS = "0x5e55100000000000000000000000000000000001";

  private static String runtime;

  private LocalEscrow() {}

  /** Installs the escrow at {@link #ADDRESS} on {@code chain} and returns the address. */
  public static String install(LocalTempoChain chain) throws IOException, InterruptedException {
    chain.rpc("anvil_setCode", ADDRESS, runtime());
    return ADDRESS;
  }

  static synchronized String runtime() throws IOException, InterruptedException {
    if (runtime == null) {
      Process process =
          new ProcessBuilder(
                  "node", LocalTempoChain.toolsDir().resolve("compile-escrow.mjs").toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("compile-escrow.mjs failed; run tools/install.sh");
      }
      JsonNode json = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
      runtime = json.path("runtime").asText();
      if (!runtime.startsWith("0x6")) {
        throw new IllegalStateException("compile-escrow.mjs printed no bytecode");
      }
    }
    return runtime;
  }
}
