package dev.bulwark.server.accounts;

import dev.bulwark.server.audit.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps every event in memory, for assertions on what the services audit. Thread-safe. */
public final class RecordingAuditTrail implements AuditTrail {
  /** One recorded event. */
  public record Event(String action, String actorId, String outcome, Map<String, String> details) {}

  private final List<Event> events = new ArrayList<>();

  /** An empty trail. */
  public RecordingAuditTrail() {}

  @Override
  public synchronized void record(String action, String actorId, String outcome, Map<String, String> details) {
    events.add(new Event(action, actorId, outcome, Map.copyOf(details)));
  }

  /** The events so far, oldest first. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The events of one action and outcome. */
  public List<Event> find(String action, String outcome) {
    return events().stream().filter(e -> e.action().equals(action) && e.outcome().equals(outcome)).toList();
  }
}
