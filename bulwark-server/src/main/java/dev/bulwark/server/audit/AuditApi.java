package dev.bulwark.server.audit;

import dev.bulwark.guard.auditlog.AuditKeys;
import dev.bulwark.guard.auditlog.AuditTamperedException;
import dev.bulwark.guard.auditlog.AuditVerification;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.ServerAssembly;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Admin routes over the audit trail (scope {@code audit:read}): {@code GET /v1/audit} pages through
 * recorded events ({@code ?action=}, {@code ?actor=}, {@code ?after=} a sequence number, {@code
 * ?limit=} 1 to 500, default 100), and {@code POST /v1/audit/verify} runs guard's verifier and
 * returns its verdict: {@code intact} with counts, or {@code tampered} with how and where. Both are
 * themselves audited ({@code audit.read}, {@code audit.verify}). Rejects malformed paging numbers
 * with 400. Stateless over a thread-safe {@link FileAuditTrail}.
 */
public final class AuditApi implements ApiModule {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_FILTER_CHARS = 256;

  private final FileAuditTrail trail;

  /** Routes over {@code trail}. */
  public AuditApi(FileAuditTrail trail) {
    this.trail = Objects.requireNonNull(trail, "trail");
  }

  /**
   * The audit capability as {@link ServerAssembly} builds it: loads (or creates) the audit keys
   * sealed under the root AEAD, opens {@code DATA/audit/audit.log}, installs it as the server's
   * {@link AuditTrail}, and returns the admin routes.
   *
   * @throws AuditUnavailableException if the keys do not open or the existing log does not verify
   */
  public static AuditApi install(ServerServices services) {
    AuditKeys keys = AuditKeyring.loadOrCreate(services.database(), services.rootAead());
    FileAuditTrail trail = FileAuditTrail.open(services.dataDir().resolve("audit"), keys);
    services.hooks().installAuditTrail(trail);
    return new AuditApi(trail);
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        new ApiRoute(HandlerType.GET, "/v1/audit", Access.scope(Scope.AUDIT_READ), RateClass.STANDARD,
            "Page through audit events (filter by action and actor)", this::list),
        new ApiRoute(HandlerType.POST, "/v1/audit/verify", Access.scope(Scope.AUDIT_READ), RateClass.STANDARD,
            "Verify the audit log's chain and signatures", this::verify));
  }

  private void list(Context ctx) throws PublicError {
    Principal caller = Principal.of(ctx);
    AuditQuery query;
    try {
      query = new AuditQuery(filter(ctx, "action"), filter(ctx, "actor"), number(ctx, "after", 0),
          Math.toIntExact(number(ctx, "limit", DEFAULT_LIMIT)));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The paging parameters are invalid.", "bad audit query", e);
    }
    trail.record("audit.read", caller.accountId(), "success", Map.of());
    AuditPage page = trail.read(query);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", page.events());
    body.put("next_after", page.nextAfter().isPresent() ? page.nextAfter().getAsLong() : null);
    ctx.json(body);
  }

  private void verify(Context ctx) {
    Principal caller = Principal.of(ctx);
    Map<String, Object> verdict = new LinkedHashMap<>();
    try {
      AuditVerification ok = trail.verify();
      verdict.put("verdict", "intact");
      verdict.put("records", ok.records());
      verdict.put("checkpoints", ok.checkpoints());
      verdict.put("last_checkpoint_record", ok.lastCheckpointSequence());
      verdict.put("unsigned_tail_records", ok.uncheckpointedRecords());
      verdict.put("head_checked", ok.headChecked());
    } catch (AuditTamperedException e) {
      verdict.put("verdict", "tampered");
      verdict.put("kind", e.kind().name());
      verdict.put("line", e.lineNumber());
      verdict.put("expected_record", e.sequence());
    }
    // Recorded after the check so the verdict describes the log as it was asked about.
    trail.record("audit.verify", caller.accountId(), "success", Map.of("verdict", (String) verdict.get("verdict")));
    ctx.json(verdict);
  }

  private static Optional<String> filter(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > MAX_FILTER_CHARS) {
      throw new IllegalArgumentException(name + " too long");
    }
    return Optional.of(value);
  }

  private static long number(Context ctx, String name, long fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(name + " not a number");
    }
    return Long.parseLong(value);
  }
}
