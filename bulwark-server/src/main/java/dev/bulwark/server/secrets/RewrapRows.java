package dev.bulwark.server.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The SQL of data-key rotation jobs: constants with {@code ?} parameters only. Stateless. */
final class RewrapRows {
  private RewrapRows() {}

  /** A stored version that may need rewrapping. */
  record Candidate(String owner, String path, int version, byte[] ciphertext, long dataKeyId, String kind) {}

  /** A job's cursor: the last version handled, in (owner, path, version) order. */
  record Cursor(String owner, String path, int version) {
    static final Cursor START = new Cursor("", "", 0);
  }

  private static final String COUNT_PENDING =
      "SELECT COUNT(*) FROM secret_versions WHERE ciphertext IS NOT NULL AND data_key_id <> ?";
  private static final String INSERT_JOB = """
      INSERT INTO secret_rewrap_jobs (id, target_key_id, state, total, done, failed, cursor_owner, cursor_path,
      cursor_version, started_at, finished_at) VALUES (?, ?, ?, ?, 0, 0, '', '', 0, ?, NULL)
      ON CONFLICT DO NOTHING""";
  private static final String SELECT_JOB = """
      SELECT id, target_key_id, state, total, done, failed, started_at, finished_at, cursor_owner, cursor_path,
      cursor_version FROM secret_rewrap_jobs WHERE id = ?""";
  private static final String SELECT_RUNNING = "SELECT id FROM secret_rewrap_jobs WHERE state = ?";
  private static final String NEXT_BATCH = """
      SELECT owner_id, path, version, ciphertext, data_key_id, value_kind FROM secret_versions
      WHERE ciphertext IS NOT NULL AND data_key_id <> ?
      AND (owner_id > ? OR (owner_id = ? AND path > ?) OR (owner_id = ? AND path = ? AND version > ?))
      ORDER BY owner_id, path, version LIMIT ?""";
  private static final String REWRAP = """
      UPDATE secret_versions SET ciphertext = ?, data_key_id = ? WHERE owner_id = ? AND path = ? AND version = ?
      AND data_key_id = ? AND ciphertext IS NOT NULL""";
  private static final String ADVANCE = """
      UPDATE secret_rewrap_jobs SET done = done + ?, failed = failed + ?, cursor_owner = ?, cursor_path = ?,
      cursor_version = ? WHERE id = ? AND state = ?
      AND (cursor_owner < ? OR (cursor_owner = ? AND cursor_path < ?)
      OR (cursor_owner = ? AND cursor_path = ? AND cursor_version < ?))""";
  private static final String FINISH =
      "UPDATE secret_rewrap_jobs SET state = ?, finished_at = ? WHERE id = ? AND state = ?";

  static long countPending(Connection c, long targetKeyId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COUNT_PENDING)) {
      s.setLong(1, targetKeyId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Inserts a running job; false if another job is running (the partial unique index). */
  static boolean insertJob(Connection c, String id, long targetKeyId, long total, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_JOB)) {
      s.setString(1, id);
      s.setLong(2, targetKeyId);
      s.setString(3, RotationJob.RUNNING);
      s.setLong(4, total);
      s.setLong(5, now);
      return s.executeUpdate() == 1;
    }
  }

  /** A job and its cursor. */
  record JobRow(RotationJob job, Cursor cursor) {}

  static Optional<JobRow> job(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_JOB)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long finished = r.getLong(8);
        OptionalLong finishedAt = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(finished);
        RotationJob job = new RotationJob(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4), r.getLong(5),
            r.getLong(6), r.getLong(7), finishedAt);
        return Optional.of(new JobRow(job, new Cursor(r.getString(9), r.getString(10), r.getInt(11))));
      }
    }
  }

  static List<String> runningJobs(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_RUNNING)) {
      s.setString(1, RotationJob.RUNNING);
      try (ResultSet r = s.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (r.next()) {
          ids.add(r.getString(1));
        }
        return ids;
      }
    }
  }

  static List<Candidate> nextBatch(Connection c, long targetKeyId, Cursor after, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(NEXT_BATCH)) {
      s.setLong(1, targetKeyId);
      s.setString(2, after.owner());
      s.setString(3, after.owner());
      s.setString(4, after.path());
      s.setString(5, after.owner());
      s.setString(6, after.path());
      s.setInt(7, after.version());
      s.setInt(8, limit);
      try (ResultSet r = s.executeQuery()) {
        List<Candidate> rows = new ArrayList<>();
        while (r.next()) {
          rows.add(new Candidate(r.getString(1), r.getString(2), r.getInt(3), r.getBytes(4), r.getLong(5), r.getString(6)));
        }
        return rows;
      }
    }
  }

  /** Replaces one version's ciphertext if it is still the one under {@code oldKeyId}. */
  static boolean rewrap(Connection c, Candidate row, byte[] ciphertext, long newKeyId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REWRAP)) {
      s.setBytes(1, ciphertext);
      s.setLong(2, newKeyId);
      s.setString(3, row.owner());
      s.setString(4, row.path());
      s.setInt(5, row.version());
      s.setLong(6, row.dataKeyId());
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Counts one row as done or failed and moves the cursor past it, only forward: if another worker
   * on the same job (a second instance that resumed it) already moved past this row, nothing is
   * counted twice. False if the job is not running or the cursor is already past.
   */
  static boolean advance(Connection c, String jobId, Candidate row, boolean failed) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
      s.setLong(1, failed ? 0 : 1);
      s.setLong(2, failed ? 1 : 0);
      s.setString(3, row.owner());
      s.setString(4, row.path());
      s.setInt(5, row.version());
      s.setString(6, jobId);
      s.setString(7, RotationJob.RUNNING);
      s.setString(8, row.owner());
      s.setString(9, row.owner());
      s.setString(10, row.path());
      s.setString(11, row.owner());
      s.setString(12, row.path());
      s.setInt(13, row.version());
      return s.executeUpdate() == 1;
    }
  }

  static void finish(Connection c, String jobId, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FINISH)) {
      s.setString(1, RotationJob.FINISHED);
      s.setLong(2, now);
      s.setString(3, jobId);
      s.setString(4, RotationJob.RUNNING);
      s.executeUpdate();
    }
  }
}
