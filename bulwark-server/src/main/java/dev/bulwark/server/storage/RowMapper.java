package dev.bulwark.server.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value; reads columns only, never moves the cursor.
 *
 * @param <T> the value of one row
 */
@FunctionalInterface
public interface RowMapper<T> {
  /** The value of {@code row}'s current row. */
  T map(ResultSet row) throws SQLException;
}
