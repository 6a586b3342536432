package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.bulwark.auth.ratelimit.RateLimitUnavailableException;
import dev.bulwark.guard.GuardException;
import dev.bulwark.guard.errors.ErrorId;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.FailClosed;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.guard.files.UnsafePathException;
import dev.bulwark.guard.files.UploadRejectedException;
import dev.bulwark.guard.json.JsonRejectedException;
import dev.bulwark.guard.validation.ValidationFailedException;
import dev.bulwark.guard.xml.XmlRejectedException;
import dev.bulwark.guard.yaml.YamlRejectedException;
import dev.bulwark.server.metrics.RequestMetrics;
import dev.bulwark.server.storage.StorageException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The steps around routing that apply to every request, matched or not: security headers first
 * (so 404, 405 and 500 carry them too), refusal of method-override headers (Javalin would otherwise
 * let {@code X-HTTP-Method-Override} turn a POST into a DELETE behind a filter's back), CORS only for
 * configured exact origins, metrics, and fail-closed error mapping: every exception and every error
 * status becomes {@code {"error", "message", "error_id"}}, detailed in the log under the same id.
 *
 * <p>Keep-alive and unread bodies: most refusals (429, 401, 403, 413, 415, 404) are decided on the
 * headers, before the handler reads the body, and a handler may answer without reading it. When
 * Jetty completes a response whose request body has not fully arrived, it closes the connection,
 * sometimes after a response that did not say {@code Connection: close}; a client that has already
 * reused the connection then gets nothing back (java.net.http: "header parser received no bytes"),
 * and a body still in flight meets a closed socket and resets the connection. So every response,
 * before it is written, first reads and discards the rest of the body when it is no larger than the
 * JSON body cap (no more than an accepted request could send), and says {@code Connection: close}
 * itself when the body is larger.
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class HttpPipeline {
  /** Headers that ask a server to treat a request as another method: refused with 400. */
  static final List<String> METHOD_OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  /** Guard's refusals of caller input: a 400, never a 500 (guard's other exceptions are server faults). */
  private static final List<Class<? extends GuardException>> INPUT_REFUSALS = List.of(JsonRejectedException.class,
      ValidationFailedException.class, UnsafePathException.class, UploadRejectedException.class,
      XmlRejectedException.class, YamlRejectedException.class);

  private static final String STARTED = "bulwark.started_nanos";

  private final boolean tls;
  private final long drainCap;
  private final Set<String> corsOrigins;
  private final RequestMetrics metrics;
  private final FailClosed failClosed = FailClosed.loggingTo(LoggerFactory.getLogger("dev.bulwark.server.errors"));

  /**
   * @param tls whether responses carry HSTS
   * @param drainCap the most body bytes an error response reads and discards to keep the connection
   *     (the JSON body cap); a larger body closes the connection instead
   * @param corsOrigins exact origins allowed cross-origin (empty: no CORS headers ever)
   * @param metrics where finished requests are counted
   */
  public HttpPipeline(boolean tls, long drainCap, List<String> corsOrigins, RequestMetrics metrics) {
    this.tls = tls;
    this.drainCap = drainCap;
    this.corsOrigins = Set.copyOf(corsOrigins);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Installs the filters, exception and error handlers into {@code config}. */
  public void install(JavalinConfig config) {
    config.routes.before(this::before);
    config.routes.after(this::after);
    config.routes.exception(PublicError.class, (e, ctx) -> fail(ctx, e));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 405) {
        ctx.attribute(ErrorBodies.WRITTEN, null);
        statusOnly(ctx, 405);
      } else {
        fail(ctx, translate(e));
      }
    });
    // Unreadable input is the caller's error (400), logged without the document: never a 500.
    config.routes.exception(JacksonException.class, (e, ctx) -> fail(ctx, PublicError.of(ErrorKind.BAD_REQUEST,
        "request body is not acceptable JSON (" + e.getClass().getSimpleName() + ")")));
    for (Class<? extends GuardException> refusal : INPUT_REFUSALS) {
      config.routes.exception(refusal, (e, ctx) -> fail(ctx, PublicError.of(ErrorKind.BAD_REQUEST,
          "request input refused (" + e.getClass().getSimpleName() + ")")));
    }
    config.routes.exception(StorageException.class, (e, ctx) -> fail(ctx, storage(e)));
    // The shared rate-limit store is down: refuse (fail closed), never wave the request through.
    config.routes.exception(RateLimitUnavailableException.class, (e, ctx) -> fail(ctx,
        PublicError.of(ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE.genericMessage(), "rate-limit store unavailable", e)));
    config.routes.exception(Exception.class, (e, ctx) -> fail(ctx, e));
    for (int status : new int[] {400, 401, 403, 404, 405, 408, 413, 415, 429, 500, 503}) {
      config.routes.error(status, ctx -> statusOnly(ctx, status));
    }
  }

  private void before(Context ctx) throws PublicError {
    ctx.attribute(STARTED, System.nanoTime());
    SecurityHeaders.apply(ctx, tls);
    for (String header : METHOD_OVERRIDE_HEADERS) {
      if (ctx.header(header) != null) {
        throw PublicError.of(ErrorKind.BAD_REQUEST, "method override header " + header + " refused");
      }
    }
    String origin = ctx.header("Origin");
    if (origin != null && corsOrigins.contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
      if ("OPTIONS".equals(ctx.req().getMethod()) && ctx.header("Access-Control-Request-Method") != null) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        ctx.skipRemainingHandlers();
      }
    }
  }

  private void after(Context ctx) {
    // After-handlers run before Javalin writes the result: the last moment a body can be drained
    // while Jetty may still keep the connection (a handler that answered without reading it, too).
    RequestBodies.discardUnread(ctx, drainCap);
    Long started = ctx.attribute(STARTED);
    String route = Objects.requireNonNullElse(ctx.attribute(GuardedHandler.ROUTE), "unmatched");
    long elapsed = started == null ? 0 : System.nanoTime() - started;
    metrics.record(ctx.req().getMethod(), route, ctx.status().getCode(), elapsed);
  }

  private void fail(Context ctx, Exception failure) {
    RequestBodies.discardUnread(ctx, drainCap);
    SecurityHeaders.apply(ctx, tls);
    ErrorBodies.write(ctx, failClosed.handle(failure));
  }

  private void statusOnly(Context ctx, int status) {
    if (Boolean.TRUE.equals(ctx.attribute(ErrorBodies.WRITTEN))) {
      return;
    }
    RequestBodies.discardUnread(ctx, drainCap);
    SecurityHeaders.apply(ctx, tls);
    if (status == 405) {
      ErrorBodies.write(ctx, 405, "method_not_allowed", "The method is not allowed for this resource.", ErrorId.random());
      return;
    }
    ErrorBodies.write(ctx, failClosed.handle(PublicError.of(kindFor(status), "status " + status + " from routing")));
  }

  /** A database that cannot be reached is a 503 (retry later); any other storage failure a 500. */
  private static PublicError storage(StorageException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return PublicError.of(ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE.genericMessage(), e.getMessage(), e);
      }
    }
    return PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), e.getMessage(), e);
  }

  private static PublicError translate(HttpResponseException e) {
    ErrorKind kind = kindFor(e.getStatus());
    return PublicError.of(kind, "framework response " + e.getStatus());
  }

  static ErrorKind kindFor(int status) {
    for (ErrorKind kind : ErrorKind.values()) {
      if (kind.httpStatus() == status) {
        return kind;
      }
    }
    return status >= 500 ? ErrorKind.INTERNAL : ErrorKind.BAD_REQUEST;
  }
}
