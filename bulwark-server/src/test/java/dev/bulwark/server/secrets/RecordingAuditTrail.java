package dev.bulwark.server.secrets;

import dev.bulwark.server.audit.AuditTrail;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuditTrail} that keeps events in memory for assertions. Thread-safe. */
public final class RecordingAuditTrail implements AuditTrail {
  /** One recorded event. */
  public record Event(String action, String actorId, String outcome, Map<String, String> details) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  /** An empty trail. */
  public RecordingAuditTrail() {
    // events arrive through record
  }

  @Override
  public void record(String action, String actorId, String outcome, Map<String, String> details) {
    events.add(new Event(action, actorId, outcome, Map.copyOf(details)));
  }

  /** Everything recorded so far, in order. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The recorded events with this action. */
  public List<Event> withAction(String action) {
    return events.stream().filter(e -> e.action().equals(action)).toList();
  }
}
