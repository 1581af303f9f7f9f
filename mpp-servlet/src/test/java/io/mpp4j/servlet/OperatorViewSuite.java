package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The operator endpoints: bearer-protected totals, payments as CSV and reconciliation. */
abstract class OperatorViewSuite extends EndToEndSuite {
  @Test
  void operatorViewWhenNoOrWrongTokenThen401() throws Exception {
    HttpResponse<String> none = send(get("/operator/summary"));
    HttpResponse<String> wrong =
        send(get("/operator/summary").header("Authorization", "Bearer not-the-token-at-all"));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void operatorViewWhenPaidThenTodaysTotalsPaymentsAsCsvAndReconciliation() throws Exception {
    String token = token();
    send(get("/api/premium").header("Authorization", pay(send(get("/api/premium")), token)));
    String bearer = "Bearer " + TestApp.OPERATOR_TOKEN;

    HttpResponse<String> summary = send(get("/operator/summary").header("Authorization", bearer));
    HttpResponse<String> csv =
        send(
            get("/operator/payments?format=csv&route=GET%20/api/premium")
                .header("Authorization", bearer));
    HttpResponse<String> report =
        send(get("/operator/reconciliation").header("Authorization", bearer));
    HttpResponse<String> badRange =
        send(get("/operator/summary?from=yesterday").header("Authorization", bearer));

    assertThat(summary.statusCode()).isEqualTo(200);
    JsonNode premium = null;
    for (JsonNode total : json(summary).get("totals")) {
      if (total.get("route").asText().equals("GET /api/premium")) {
        premium = total;
      }
    }
    assertThat(premium).isNotNull();
    assertThat(premium.get("payments").asLong()).isPositive();
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("challengeId,createdAt").contains("fake_" + token);
    assertThat(json(report).get("balanced").asBoolean()).isFalse();
    assertThat(json(report).at("/differences/0/kind").asText()).isEqualTo("MISSING_IN_LEDGER");
    assertThat(badRange.statusCode()).isEqualTo(400);
  }

  @Test
  void operatorSummaryWhenOutcomeUnknownOrRevertedThenListedAsPendingAndFailures()
      throws Exception {
    String unknown = "unknown-" + token();
    String reverted = "reverted-" + token();
    HttpResponse<String> pending =
        send(get("/api/premium").header("Authorization", pay(send(get("/api/premium")), unknown)));
    HttpResponse<String> failed =
        send(get("/api/premium").header("Authorization", pay(send(get("/api/premium")), reverted)));

    HttpResponse<String> summary =
        send(get("/operator/summary").header("Authorization", "Bearer " + TestApp.OPERATOR_TOKEN));

    assertThat(pending.statusCode()).isEqualTo(503);
    assertThat(failed.statusCode()).isEqualTo(402);
    assertThat(summary.statusCode()).isEqualTo(200);
    assertThat(entry(json(summary).get("pending"), "fake_" + unknown))
        .hasValueSatisfying(
            e -> {
              assertThat(e.get("status").asText()).isEqualTo("PENDING");
              assertThat(e.get("route").asText()).isEqualTo("GET /api/premium");
            });
    assertThat(entry(json(summary).get("failures"), "fake_" + reverted))
        .hasValueSatisfying(e -> assertThat(e.get("status").asText()).isEqualTo("FAILED"));
    assertThat(entry(json(summary).get("pending"), "fake_" + reverted)).isEmpty();
    assertThat(entry(json(summary).get("failures"), "fake_" + unknown)).isEmpty();
  }

  private static java.util.Optional<JsonNode> entry(JsonNode entries, String reference) {
    assertThat(entries).as("summary array").isNotNull();
    for (JsonNode e : entries) {
      if (e.path("reference").asText().equals(reference)) {
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }
}
