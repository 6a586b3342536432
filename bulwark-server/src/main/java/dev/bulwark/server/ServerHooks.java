package dev.bulwark.server;

import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.http.SessionLiveness;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where capability modules plug server-wide behaviour in while they are constructed in {@link
 * ServerAssembly}: the accounts module installs its {@link SessionLiveness}, the audit module its
 * {@link AuditTrail}, and any module may add a start-up notice (the first-start enrolment token).
 *
 * <p>{@link #sessionLiveness()} and {@link #auditTrail()} return delegates, so a module constructed
 * before the real implementation is installed still reaches it. Defaults until one is installed:
 * every session is live (there are no sessions before the accounts module exists), and audit events
 * go to the SLF4J logger {@code dev.bulwark.server.audit}. Installing twice is refused (two modules
 * must not fight over who decides). Thread-safe.
 */
public final class ServerHooks {
  private static final Logger AUDIT_LOG = LoggerFactory.getLogger("dev.bulwark.server.audit");

  private volatile SessionLiveness liveness = sessionId -> true;
  private volatile AuditTrail audit = ServerHooks::logEvent;
  private volatile boolean livenessInstalled;
  private volatile boolean auditInstalled;
  private final List<Supplier<Optional<String>>> notices = new CopyOnWriteArrayList<>();

  /** Hooks holding the defaults. */
  public ServerHooks() {
    // Nothing installed yet: every session live, audit events to the log.
  }

  /**
   * Installs the session check the authentication step asks on every access token.
   *
   * @throws IllegalStateException if one was installed already
   */
  public synchronized void installSessionLiveness(SessionLiveness implementation) {
    if (livenessInstalled) {
      throw new IllegalStateException("a SessionLiveness is already installed");
    }
    liveness = Objects.requireNonNull(implementation, "implementation");
    livenessInstalled = true;
  }

  /**
   * Installs the audit trail every capability records to.
   *
   * @throws IllegalStateException if one was installed already
   */
  public synchronized void installAuditTrail(AuditTrail implementation) {
    if (auditInstalled) {
      throw new IllegalStateException("an AuditTrail is already installed");
    }
    audit = Objects.requireNonNull(implementation, "implementation");
    auditInstalled = true;
  }

  /** Adds a line printed on start when it has one (for example the first-start enrolment token). */
  public void noticeOnStart(Supplier<Optional<String>> notice) {
    notices.add(Objects.requireNonNull(notice, "notice"));
  }

  /** The session check (a delegate to the installed one). */
  public SessionLiveness sessionLiveness() {
    return sessionId -> liveness.isLive(sessionId);
  }

  /** The audit trail (a delegate to the installed one). */
  public AuditTrail auditTrail() {
    return (action, actorId, outcome, details) -> audit.record(action, actorId, outcome, details);
  }

  /**
   * The installed audit trail itself (not the delegate), for the server to close on stop after the
   * modules that record to it; empty until one is installed.
   */
  Optional<AuditTrail> installedAuditTrail() {
    return auditInstalled ? Optional.of(audit) : Optional.empty();
  }

  List<String> startupNotices() {
    return notices.stream().map(Supplier::get).flatMap(Optional::stream).toList();
  }

  private static void logEvent(String action, String actorId, String outcome, Map<String, String> details) {
    AUDIT_LOG.atInfo().addKeyValue("action", action).addKeyValue("actor", actorId).addKeyValue("outcome", outcome)
        .addKeyValue("details", details).log("audit event");
  }
}
