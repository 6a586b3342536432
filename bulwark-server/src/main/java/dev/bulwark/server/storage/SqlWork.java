package dev.bulwark.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection: a read, or the body of a transaction that {@link Database} commits
 * when it returns and rolls back when it throws.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {
  /** Runs on {@code connection}; must use parameterized statements only (a test greps for it). */
  T run(Connection connection) throws SQLException;
}
