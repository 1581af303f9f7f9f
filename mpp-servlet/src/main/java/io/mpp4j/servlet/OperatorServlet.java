package io.mpp4j.servlet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerExport;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.LedgerSummary;
import io.mpp4j.core.ledger.ReconciliationReport;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * The operator's view of the payment ledger, for the people who run the server, never for payers.
 * Register it yourself (it is off until you do) on a path of your choice, e.g. {@code /operator/*};
 * every request needs {@code Authorization: Bearer <token>} with the configured token (compared in
 * constant time) and HTTPS unless allowed otherwise. It answers:
 *
 * <ul>
 *   <li>{@code GET .../summary?from=&to=}: settled totals per route, method and currency, pending
 *       payments and the latest failures ({@link LedgerSummary}); today (UTC) by default;
 *   <li>{@code GET .../payments?from=&to=&payer=&route=&method=&status=&format=csv|json}: the
 *       entries, as JSON or CSV;
 *   <li>{@code GET .../reconciliation?from=&to=}: the ledger compared with the payment network
 *       (e.g. {@code tempoMethod::reconcile}), when a reconciler is configured.
 * </ul>
 *
 * <p>Times are RFC 3339 or {@code yyyy-mm-dd} (UTC midnight).
 *
 * @since 0.2.0
 */
public final class OperatorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The reconciler's signature: the ledger and a time range to a report. */
  @FunctionalInterface
  public interface Reconciler {
    ReconciliationReport reconcile(Ledger ledger, Instant from, Instant to);
  }

  private final transient Ledger ledger;
  private final transient Secret token;
  private final transient Reconciler reconciler;
  private final boolean allowInsecureHttp;

  private OperatorServlet(Builder b) {
    this.ledger = b.ledger;
    this.token = b.token;
    this.reconciler = b.reconciler;
    this.allowInsecureHttp = b.allowInsecureHttp;
  }

  /** An operator view of {@code ledger}, for requests that present {@code token}. */
  public static Builder builder(Ledger ledger, Secret token) {
    return new Builder(ledger, token);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!allowInsecureHttp && !Exchanges.isHttps(request, false)) {
      Responses.plainProblem(response, 400, "Bad Request", "The operator view requires HTTPS.");
      return;
    }
    if (!authorized(request.getHeader("Authorization"))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"mpp-operator\"");
      Responses.plainProblem(response, 401, "Unauthorized", "An operator token is required.");
      return;
    }
    Instant from;
    Instant to;
    try {
      from = time(request.getParameter("from"), startOfToday());
      to = time(request.getParameter("to"), from.plusSeconds(86_400));
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("from must be before to");
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      Responses.plainProblem(response, 400, "Bad Request", "from and to are RFC 3339 times.");
      return;
    }
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    switch (path) {
      case "/summary" -> json(response, summary(LedgerSummary.of(ledger, from, to)));
      case "/payments" -> payments(request, response, from, to);
      case "/reconciliation" -> reconciliation(response, from, to);
      default -> Responses.plainProblem(response, 404, "Not Found", "No such operator view.");
    }
  }

  private void payments(
      HttpServletRequest request, HttpServletResponse response, Instant from, Instant to)
      throws IOException {
    LedgerQuery.Builder query = LedgerQuery.between(from, to);
    if (request.getParameter("payer") != null) {
      query.payer(request.getParameter("payer"));
    }
    if (request.getParameter("route") != null) {
      query.route(request.getParameter("route"));
    }
    if (request.getParameter("method") != null) {
      query.method(request.getParameter("method"));
    }
    if (request.getParameter("status") != null) {
      try {
        query.status(LedgerEntry.Status.valueOf(request.getParameter("status")));
      } catch (IllegalArgumentException e) {
        Responses.plainProblem(
            response, 400, "Bad Request", "status is PENDING, SETTLED or FAILED.");
        return;
      }
    }
    List<LedgerEntry> entries = ledger.query(query.build());
    if ("csv".equals(request.getParameter("format"))) {
      StringBuilder csv = new StringBuilder();
      LedgerExport.csv(entries, csv);
      write(response, "text/csv; charset=utf-8", csv.toString());
    } else {
      write(response, "application/json", LedgerExport.json(entries));
    }
  }

  private void reconciliation(HttpServletResponse response, Instant from, Instant to)
      throws IOException {
    if (reconciler == null) {
      Responses.plainProblem(response, 404, "Not Found", "No reconciler is configured.");
      return;
    }
    ReconciliationReport report;
    try {
      report = reconciler.reconcile(ledger, from, to);
    } catch (RuntimeException e) {
      Responses.plainProblem(
          response, 503, "Service Unavailable", "The payment network could not be read.");
      return;
    }
    ObjectNode json = Json.object();
    json.put("from", Timestamps.format(report.from()));
    json.put("to", Timestamps.format(report.to()));
    json.put("balanced", report.balanced());
    json.put("ledgerTotal", report.ledgerTotal().toString());
    json.put("networkTotal", report.networkTotal().toString());
    ArrayNode differences = json.putArray("differences");
    for (ReconciliationReport.Difference d : report.differences()) {
      ObjectNode row = differences.addObject().put("kind", d.kind().name());
      putIfPresent(row, "reference", d.reference());
      putIfPresent(row, "challengeId", d.challengeId());
      putIfPresent(
          row, "ledgerAmount", d.ledgerAmount() == null ? null : d.ledgerAmount().toString());
      putIfPresent(
          row, "networkAmount", d.networkAmount() == null ? null : d.networkAmount().toString());
    }
    json(response, json);
  }

  private static ObjectNode summary(LedgerSummary summary) {
    ObjectNode json = Json.object();
    json.put("from", Timestamps.format(summary.from()));
    json.put("to", Timestamps.format(summary.to()));
    ArrayNode totals = json.putArray("totals");
    for (LedgerSummary.Total total : summary.totals()) {
      totals
          .addObject()
          .put("route", total.route())
          .put("method", total.method())
          .put("currency", total.currency())
          .put("payments", total.payments())
          .put("amount", total.amount().toString());
    }
    json.set("pending", LedgerExport.jsonArray(summary.pending()));
    json.set("failures", LedgerExport.jsonArray(summary.failures()));
    return json;
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, token.bytes());
  }

  private static Instant time(String text, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return Timestamps.parse(text);
  }

  private static Instant startOfToday() {
    return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static void json(HttpServletResponse response, ObjectNode json) throws IOException {
    write(response, "application/json", Json.write(json));
  }

  private static void write(HttpServletResponse response, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  /** Configures an {@link OperatorServlet}. */
  public static final class Builder {
    private final Ledger ledger;
    private final Secret token;
    private Reconciler reconciler;
    private boolean allowInsecureHttp;

    private Builder(Ledger ledger, Secret token) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.token = Objects.requireNonNull(token, "token");
      if (token.length() < 16) {
        throw new IllegalArgumentException("the operator token must be at least 16 bytes");
      }
    }

    /** Enables {@code /reconciliation}, e.g. {@code tempoMethod::reconcile}. */
    public Builder reconciler(Reconciler reconciler) {
      this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
      return this;
    }

    /** Serves plain HTTP: for local development only. Off by default. */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    public OperatorServlet build() {
      return new OperatorServlet(this);
    }
  }
}
