package dev.bulwark.auth.onetime.internal;

import java.util.regex.Pattern;

/**
 * Table names for the JDBC stores. A table name is put into SQL text (identifiers cannot be bound
 * parameters), so it is checked against a strict pattern before any statement is built.
 */
public final class SqlNames {
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private SqlNames() {}

  /**
   * {@code table}, if it is a plain lower-case identifier.
   *
   * @throws IllegalArgumentException if it is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static String checkTable(String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("a table name is [a-z_][a-z0-9_]{0,62}");
    }
    return table;
  }
}
