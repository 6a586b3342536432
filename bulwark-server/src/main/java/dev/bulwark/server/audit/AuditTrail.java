package dev.bulwark.server.audit;

import java.util.Map;

/**
 * Where every capability reports its security events (issue 7: login success and failure, token
 * reuse, key rotation, secret read and write, admin actions). The server's implementation appends
 * them to guard's tamper-evident {@code AuditLog}; admins read and verify it over the API.
 *
 * <p>Callers pass identifiers, never secrets: no password, token, key or secret value may appear
 * in {@code details}. Implementations are thread-safe and must not lose an event the API has
 * acknowledged: {@link #record} returns only once the event is durable, and throws if it cannot be.
 */
@FunctionalInterface
public interface AuditTrail {

  /**
   * Records one event.
   *
   * @param action a dotted name such as {@code session.login}, {@code secret.read}
   * @param actorId the account id acting, or {@code "anonymous"}
   * @param outcome {@code success}, {@code failure} or {@code denied}
   * @param details non-secret identifiers (path, key name, client address, reason code)
   */
  void record(String action, String actorId, String outcome, Map<String, String> details);
}
