package io.mpp4j.store.jdbc;

import java.util.List;

/**
 * The SQL of the payment ledger table in PostgreSQL (14 or newer). One row per payment, keyed by
 * challenge id; a trigger makes the table append-only: rows are never deleted, and an update may
 * only resolve a {@code PENDING} row, without changing what was paid.
 */
final class LedgerSql {
  final List<String> ddl;
  final String insertIfAbsent;
  final String resolvePending;
  final String selectColumns;
  final String table;

  LedgerSql(String table) {
    if (!PostgresSql.NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table must be an unquoted SQL identifier, optionally schema-qualified");
    }
    this.table = table;
    String unqualified = table.substring(table.indexOf('.') + 1);
    String guard = unqualified + "_append_only";
    ddl =
        List.of(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (challenge_id TEXT PRIMARY KEY,"
                + " created_at TIMESTAMPTZ NOT NULL,"
                + " resolved_at TIMESTAMPTZ,"
                + " status TEXT NOT NULL CHECK (status IN ('PENDING', 'SETTLED', 'FAILED')),"
                + " route TEXT NOT NULL,"
                + " method TEXT NOT NULL,"
                + " intent TEXT NOT NULL,"
                + " amount NUMERIC(78, 0) NOT NULL,"
                + " currency TEXT NOT NULL,"
                + " payer TEXT,"
                + " reference TEXT,"
                + " idempotency_key TEXT,"
                + " detail TEXT)",
            "CREATE INDEX IF NOT EXISTS "
                + unqualified
                + "_created_at_idx ON "
                + table
                + " (created_at)",
            "CREATE INDEX IF NOT EXISTS "
                + unqualified
                + "_pending_idx ON "
                + table
                + " (created_at) WHERE status = 'PENDING'",
            "CREATE OR REPLACE FUNCTION "
                + guard
                + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the payment ledger is append-only'; END IF;"
                + " IF OLD.status <> 'PENDING' OR NEW.challenge_id <> OLD.challenge_id"
                + " OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency"
                + " OR NEW.created_at <> OLD.created_at"
                + " THEN RAISE EXCEPTION 'only a pending payment may be resolved'; END IF;"
                + " RETURN NEW; END $$",
            "CREATE OR REPLACE TRIGGER "
                + guard
                + " BEFORE UPDATE OR DELETE ON "
                + table
                + " FOR EACH ROW EXECUTE FUNCTION "
                + guard
                + "()");
    insertIfAbsent =
        "INSERT INTO "
            + table
            + " (challenge_id, created_at, resolved_at, status, route, method, intent, amount,"
            + " currency, payer, reference, idempotency_key, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (challenge_id) DO NOTHING";
    resolvePending =
        "UPDATE "
            + table
            + " SET status = ?, reference = COALESCE(?, reference), resolved_at = ?, detail = ?"
            + " WHERE challenge_id = ? AND status = 'PENDING'";
    selectColumns =
        "SELECT challenge_id, created_at, resolved_at, status, route, method, intent, amount,"
            + " currency, payer, reference, idempotency_key, detail FROM "
            + table;
  }
}
