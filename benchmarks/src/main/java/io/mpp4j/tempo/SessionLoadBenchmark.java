package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.store.MemoryStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Sessions end to end on a local anvil chain with the project's escrow, through the engine: one
 * channel opened, N paid requests each carrying a fresh voucher (one unit charged per request), the
 * policy settling every time the unsettled amount reaches its threshold, and a cooperative close.
 * Counts the on-chain transactions (open, settlements, close) per 1,000 paid requests and the
 * payee's payout. The per-channel voucher rate limit is raised ({@link
 * SessionFixture#VOUCHER_RATE_LIMIT}) since one client sends all vouchers back to back. Usage:
 * {@code SessionLoadBenchmark REQUESTS SETTLE_ABOVE OUT_FILE}.
 */
public final class SessionLoadBenchmark {
  private static final long PRICE = 10_000;

  private SessionLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = Integer.parseInt(args[0]);
    String settleAbove = args[1];
    Path out = Path.of(args[2]);
    LocalTempoChain chain = new LocalTempoChain();
    chain.start();
    try {
      String report = run(chain, requests, settleAbove);
      System.out.print(report);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report);
    } finally {
      chain.stop();
    }
  }

  private static String run(LocalTempoChain chain, int requests, String settleAbove)
      throws IOException, InterruptedException {
    String escrow = LocalEscrow.install(chain);
    SessionHarness harness =
        new SessionHarness(
            chain,
            escrow,
            new MemoryStore(),
            "0.01",
            TempoSessionSettings.builder()
                .settleAbove(settleAbove)
                .voucherRateLimit(
                    SessionFixture.VOUCHER_RATE_LIMIT, SessionFixture.VOUCHER_RATE_LIMIT));
    System.out.printf(
        Locale.ROOT,
        "voucher rate limit raised to %d/s per channel (default %d/s): this measures the paid path%n",
        SessionFixture.VOUCHER_RATE_LIMIT,
        TempoSessionSettings.DEFAULT_VOUCHER_RATE);
    try {
      String payee = chain.merchant().address();
      BigInteger before = chain.balance(LocalTempoChain.PATH_USD, payee);
      long payeeNonce = nonce(chain, payee);
      SessionHarness.Channel channel =
          harness.newChannel(chain.freshAccount(), PRICE * (requests + 1));
      Challenge challenge = harness.challenge();
      long started = System.nanoTime();
      complete(harness.send("GET", challenge, harness.open(channel, PRICE)));
      for (int k = 2; k <= requests; k++) {
        complete(harness.send("GET", challenge, harness.voucher(channel, PRICE * k)));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(2_000);
      long spent = PRICE * requests;
      Decision closed = harness.send("POST", challenge, harness.close(channel, spent));
      if (!(closed instanceof Decision.Acknowledged)) {
        throw new IllegalStateException("close refused: " + SessionHarness.describe(closed));
      }
      long payeeTransactions = nonce(chain, payee) - payeeNonce;
      long settlements = payeeTransactions - 1;
      long onChain = 1 + payeeTransactions;
      BigInteger payout = chain.balance(LocalTempoChain.PATH_USD, payee).subtract(before);
      return String.format(
          Locale.ROOT,
          "| paid requests | price | settle above | requests/s (engine, 1 client) | open | settlements |"
              + " close | on-chain transactions | per 1,000 paid requests | payee received |%n"
              + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
              + "| %d | 0.01 | %s | %.0f | 1 | %d | 1 | %d | %.1f | %s (spent %d) |%n",
          requests,
          settleAbove,
          requests / seconds,
          settlements,
          onChain,
          onChain * 1000.0 / requests,
          payout,
          spent);
    } finally {
      harness.method.close();
    }
  }

  private static void complete(Decision decision) {
    if (!(decision instanceof Decision.Paid paid)) {
      throw new IllegalStateException("not paid: " + SessionHarness.describe(decision));
    }
    paid.settlement().complete();
  }

  private static long nonce(LocalTempoChain chain, String address) {
    return Hex.quantity(chain.rpc("eth_getTransactionCount", address, "latest").asText())
        .longValueExact();
  }
}
