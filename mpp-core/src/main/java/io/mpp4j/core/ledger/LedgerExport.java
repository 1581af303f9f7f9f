package io.mpp4j.core.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Ledger entries as CSV (RFC 4180, one header row) or as a JSON array, for operators and their
 * accounting tools. Amounts stay in base units; times are RFC 3339 UTC.
 *
 * @since 0.2.0
 */
public final class LedgerExport {
  /** The CSV columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "challengeId",
          "createdAt",
          "resolvedAt",
          "status",
          "route",
          "method",
          "intent",
          "amount",
          "currency",
          "payer",
          "reference",
          "idempotencyKey",
          "detail");

  private LedgerExport() {}

  /** Writes the entries as CSV, header first. */
  public static void csv(List<LedgerEntry> entries, Appendable out) {
    try {
      out.append(String.join(",", COLUMNS)).append("\r\n");
      for (LedgerEntry e : entries) {
        List<String> row =
            List.of(
                e.challengeId(),
                Timestamps.format(e.createdAt()),
                e.resolvedAt() == null ? "" : Timestamps.format(e.resolvedAt()),
                e.status().name(),
                e.route(),
                e.method(),
                e.intent(),
                e.amount().toString(),
                e.currency(),
                nullToEmpty(e.payer()),
                nullToEmpty(e.reference()),
                nullToEmpty(e.idempotencyKey()),
                nullToEmpty(e.detail()));
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(field(row.get(i)));
        }
        out.append("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries as a JSON array of objects (absent members omitted). */
  public static String json(List<LedgerEntry> entries) {
    return Json.write(jsonArray(entries));
  }

  /** The entries as a JSON array node (absent members omitted). */
  public static ArrayNode jsonArray(List<LedgerEntry> entries) {
    ArrayNode array = Json.object().arrayNode();
    for (LedgerEntry e : entries) {
      ObjectNode row = array.addObject();
      row.put("challengeId", e.challengeId());
      row.put("createdAt", Timestamps.format(e.createdAt()));
      if (e.resolvedAt() != null) {
        row.put("resolvedAt", Timestamps.format(e.resolvedAt()));
      }
      row.put("status", e.status().name());
      row.put("route", e.route());
      row.put("method", e.method());
      row.put("intent", e.intent());
      row.put("amount", e.amount().toString());
      row.put("currency", e.currency());
      putIfPresent(row, "payer", e.payer());
      putIfPresent(row, "reference", e.reference());
      putIfPresent(row, "idempotencyKey", e.idempotencyKey());
      putIfPresent(row, "detail", e.detail());
    }
    return array;
  }

  private static void putIfPresent(ObjectNode row, String name, String value) {
    if (value != null) {
      row.put(name, value);
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break; formulas defused. */
  private static String field(String value) {
    String safe =
        !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9]+")
            ? "'" + value
            : value;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
