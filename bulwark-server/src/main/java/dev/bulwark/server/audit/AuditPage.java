package dev.bulwark.server.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A page of recorded audit events.
 *
 * @param events the events, oldest first
 * @param nextAfter the {@code after} value for the next page, empty on the last page
 */
public record AuditPage(List<Entry> events, OptionalLong nextAfter) {
  public AuditPage {
    events = List.copyOf(events);
    Objects.requireNonNull(nextAfter, "nextAfter");
  }

  /**
   * One recorded event as the log holds it.
   *
   * @param sequence its sequence number in the log (from 1)
   * @param time when it was recorded (ISO-8601, UTC)
   * @param action the event type
   * @param actor the acting account id, or {@code anonymous}
   * @param outcome {@code success}, {@code failure} or {@code denied}
   * @param details the non-secret identifiers recorded with it
   */
  public record Entry(long sequence, String time, String action, String actor, String outcome, Map<String, String> details) {
    public Entry {
      details = Map.copyOf(details);
    }
  }
}
