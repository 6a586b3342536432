package dev.bulwark.server.audit;

import java.util.Optional;

/**
 * Which recorded events to return: those after sequence number {@code after}, optionally only one
 * action and/or one actor, at most {@code limit} of them.
 *
 * @param action exact action name to keep, if given
 * @param actor exact actor id to keep, if given
 * @param after return events with a larger sequence number (0 = from the start)
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(Optional<String> action, Optional<String> actor, long after, int limit) {
  /** Largest page. */
  public static final int MAX_LIMIT = 500;

  /**
   * @throws IllegalArgumentException if {@code after} is negative or {@code limit} is out of range
   */
  public AuditQuery {
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }
}
