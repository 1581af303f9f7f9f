package io.mpp4j.tempo;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link TempoLoadBenchmark} run: one {@link Result} per payment mode, written as
 * the Markdown table published in {@code docs/}.
 */
final class TempoLoadReport {
  private TempoLoadReport() {}

  /** One mode's outcome. */
  record Result(
      TempoLoadBenchmark.Mode mode,
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
}
