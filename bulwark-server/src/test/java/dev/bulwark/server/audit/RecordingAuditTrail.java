package dev.bulwark.server.audit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** An {@link AuditTrail} for service tests: keeps events in memory, and can be told to fail. */
public final class RecordingAuditTrail implements AuditTrail {
  /** One recorded call. */
  public record Event(String action, String actor, String outcome, Map<String, String> details) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  /** A trail that records and does not fail. */
  public RecordingAuditTrail() {}

  @Override
  public void record(String action, String actorId, String outcome, Map<String, String> details) {
    if (failing.get()) {
      throw new AuditUnavailableException("recording an audit event", new java.io.IOException("disk full (simulated)"));
    }
    events.add(new Event(action, actorId, outcome, Map.copyOf(details)));
  }

  /** From now on, every record throws as a full disk would make the real trail throw. */
  public void failFromNowOn() {
    failing.set(true);
  }

  /** The events recorded so far. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The actions recorded so far, in order. */
  public List<String> actions() {
    return events.stream().map(Event::action).toList();
  }
}
