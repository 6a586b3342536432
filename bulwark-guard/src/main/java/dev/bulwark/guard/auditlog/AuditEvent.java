package dev.bulwark.guard.auditlog;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One security event for the {@link AuditLog}: what happened, who did it, how it ended, and a few
 * string attributes. Immutable; the attributes are copied and kept in name order, so the same event
 * always serialises to the same bytes.
 *
 * {@snippet :
 * auditLog.append(AuditEvent.of("login", "alice", "success").with("ip", remoteAddr));
 * }
 *
 * <p><b>Warning</b>: an audit log is kept for years and read by many; record that a password was
 * changed, never the password.
 *
 * @param type the event type, such as {@code login} or {@code key.rotate}
 * @param actor who acted (a user id, a service name)
 * @param outcome how it ended, such as {@code success} or {@code denied}
 * @param attributes extra detail, name to value
 */
public record AuditEvent(String type, String actor, String outcome, Map<String, String> attributes) {
  public AuditEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(outcome, "outcome");
    if (type.isBlank()) {
      throw new IllegalArgumentException("event type must not be blank");
    }
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(attributes, "attributes")));
  }

  /** An event without attributes. */
  public static AuditEvent of(String type, String actor, String outcome) {
    return new AuditEvent(type, actor, outcome, Map.of());
  }

  /** A copy with one more attribute. */
  public AuditEvent with(String name, String value) {
    Map<String, String> more = new TreeMap<>(attributes);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new AuditEvent(type, actor, outcome, more);
  }
}
