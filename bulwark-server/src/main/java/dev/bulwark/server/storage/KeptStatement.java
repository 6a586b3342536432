package dev.bulwark.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * One constant query whose prepared statement stays open on every physical connection that ran it,
 * for the few queries on the path of every request (a secret read, the account behind a session).
 *
 * <p>Why: neither sqlite-jdbc nor HikariCP caches statements, and preparing costs more than
 * running. On SQLite, preparing the two-table join of a secret read (parse, plan, and one JNI call
 * per result column) took about 15 µs, running the prepared statement about 5 µs (2026-12-03,
 * docs/benchmarks.md). Nothing changes for the SQL: the statement is still a constant with {@code
 * ?} parameters, bound by type through {@link Statements}; the caller hands over a preparer such as
 * {@code c -> c.prepareStatement(SELECT_CURRENT)}, so the text passed to JDBC is visibly a constant.
 *
 * <p>How it stays correct:
 *
 * <ul>
 *   <li>A statement belongs to one physical connection (the pool's proxy is unwrapped), and the pool
 *       lends a connection to one caller at a time, so a statement is never used by two threads at
 *       once. The pool's hand-over orders one borrower's use before the next one's.
 *   <li>Every use closes its result set before returning ({@link Statements#queryOne}), which
 *       resets the statement: no read transaction (SQLite WAL snapshot) stays open between uses,
 *       so a later use sees every write committed meanwhile (a test checks it on both engines).
 *   <li>A statement that failed is closed and forgotten, and prepared afresh on the next use. A
 *       statement whose connection the pool closed (evicted, or the database closed) is found
 *       closed and prepared afresh; entries of closed connections are dropped whenever a new
 *       connection's statement is kept, so the map holds at most the pool's live connections plus
 *       the few retired since.
 * </ul>
 *
 * <p>Not for statements that run inside a caller's loop with another result set open on the same
 * statement. Thread-safe.
 */
public final class KeptStatement {
  /** Prepares the constant statement on a physical connection. */
  @FunctionalInterface
  public interface Preparer {
    /** {@code connection.prepareStatement(CONSTANT)}. */
    PreparedStatement prepare(Connection connection) throws SQLException;
  }

  private final Preparer preparer;
  /**
   * Keyed by the driver's physical connection objects, which keep {@link Object}'s identity equality
   * (sqlite-jdbc's and pgjdbc's connections do not override it): a lookup per request takes no lock.
   */
  private final Map<Connection, PreparedStatement> open = new ConcurrentHashMap<>();

  private KeptStatement(Preparer preparer) {
    this.preparer = preparer;
  }

  /** A kept statement prepared by {@code preparer}, e.g. {@code c -> c.prepareStatement(BY_ID)}. */
  public static KeptStatement of(Preparer preparer) {
    return new KeptStatement(Objects.requireNonNull(preparer, "preparer"));
  }

  /**
   * {@link Statements#queryOne} on this connection's kept statement.
   *
   * @param connection a connection from the pool (or a physical one), lent to the caller
   * @throws SQLException as {@link Statements#queryOne}; the statement is then closed and forgotten
   */
  public <T> Optional<T> queryOne(Connection connection, RowMapper<T> mapper, Object... params) throws SQLException {
    Connection physical = connection.unwrap(Connection.class);
    PreparedStatement statement = statementFor(physical);
    try {
      return Statements.queryOne(statement, mapper, params);
    } catch (SQLException | RuntimeException e) {
      forget(physical, statement, e);
      throw e;
    }
  }

  private PreparedStatement statementFor(Connection physical) throws SQLException {
    PreparedStatement kept = open.get(physical);
    if (kept != null && !kept.isClosed()) {
      return kept;
    }
    // A new (or replaced) connection: the only moment entries of closed connections are dropped.
    open.keySet().removeIf(KeptStatement::isClosed);
    PreparedStatement fresh = preparer.prepare(physical);
    open.put(physical, fresh);
    return fresh;
  }

  private void forget(Connection physical, PreparedStatement statement, Exception cause) {
    open.remove(physical, statement);
    try {
      statement.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** How many connections hold this statement now (tests). */
  int keptOn() {
    return open.size();
  }

  @Override
  public String toString() {
    return "KeptStatement[" + keptOn() + " connections]";
  }
}
