package io.mpp4j.store.jdbc;

import java.util.regex.Pattern;

/**
 * The SQL of a store table in PostgreSQL. Times come from the database clock ({@code now()}), so
 * instances with skewed clocks agree on expiry. A claim is a record with version 1 and no bytes.
 */
final class PostgresSql {
  static final Pattern NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}(\\.[A-Za-z_][A-Za-z0-9_]{0,47})?");
  private static final String EXPIRES = "now() + ? * INTERVAL '1 millisecond'";

  final String createTable;
  final String createIndex;
  final String insertIfAbsentOrExpired;
  final String updateIfVersion;
  final String select;
  final String delete;
  final String purgeBatch;

  PostgresSql(String table) {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table must be an unquoted SQL identifier, optionally schema-qualified");
    }
    String unqualified = table.substring(table.indexOf('.') + 1);
    createTable =
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (store_key TEXT PRIMARY KEY, store_value BYTEA NOT NULL,"
            + " version BIGINT NOT NULL, expires_at TIMESTAMPTZ NOT NULL)";
    createIndex =
        "CREATE INDEX IF NOT EXISTS "
            + unqualified
            + "_expires_at_idx"
            + " ON "
            + table
            + " (expires_at)";
    insertIfAbsentOrExpired =
        "INSERT INTO "
            + table
            + " AS t (store_key, store_value, version, expires_at) VALUES (?, ?, 1, "
            + EXPIRES
            + ") ON CONFLICT (store_key) DO UPDATE SET store_value = EXCLUDED.store_value,"
            + " version = 1, expires_at = EXCLUDED.expires_at WHERE t.expires_at <= now()";
    updateIfVersion =
        "UPDATE "
            + table
            + " SET store_value = ?, version = version + 1, expires_at = "
            + EXPIRES
            + " WHERE store_key = ? AND version = ? AND expires_at > now()";
    select =
        "SELECT store_value, version FROM " + table + " WHERE store_key = ? AND expires_at > now()";
    delete = "DELETE FROM " + table + " WHERE store_key = ?";
    purgeBatch =
        "DELETE FROM "
            + table
            + " WHERE store_key IN (SELECT store_key FROM "
            + table
            + " WHERE expires_at <= now() LIMIT ? FOR UPDATE SKIP LOCKED)";
  }
}
