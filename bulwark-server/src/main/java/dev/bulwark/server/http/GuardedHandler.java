package dev.bulwark.server.http;

import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What runs around every registered route, in this order: the per-address budget; the credential
 * budget (credential routes); authentication and the scope check (non-public routes: 401, then 403);
 * the per-identity budget (ordinary routes); for requests with a body, the size cap (413) and, unless
 * the handler is {@link RawBody}, {@code Content-Type: application/json} (415); then the handler.
 *
 * <p>A route cannot skip a step: {@link RouteRegistrar} wraps every route, and a test asserts no
 * route reaches Javalin any other way. Thread-safe.
 */
final class GuardedHandler implements Handler {
  /** The request attribute naming the matched route for metrics ({@code GET /v1/x/{id}}). */
  static final String ROUTE = "bulwark.route";

  private final ApiRoute route;
  private final RequestGuards guards;
  private final String label;
  private final boolean loopbackExempt;

  /**
   * @param loopbackExempt whether a caller whose resolved address is loopback may omit credentials
   *     (only {@code /metrics}, for a local Prometheus agent)
   */
  GuardedHandler(ApiRoute route, RequestGuards guards, boolean loopbackExempt) {
    this.route = Objects.requireNonNull(route, "route");
    this.guards = Objects.requireNonNull(guards, "guards");
    this.label = route.path();
    this.loopbackExempt = loopbackExempt;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    ctx.attribute(ROUTE, label);
    InetAddress client = guards.addresses().of(ctx);
    guards.rateLimits().checkAddress(ctx, client);
    if (route.rate() == RateClass.CREDENTIAL) {
      guards.rateLimits().checkCredential(ctx, client);
    }
    Principal principal = switch (route.access()) {
      case Access.Public p -> null;
      case Access.Scoped s when loopbackExempt && client.isLoopbackAddress() -> null;
      case Access.Authenticated a -> authenticate(ctx);
      case Access.Scoped s -> requireScope(authenticate(ctx), s.scope());
    };
    if (route.rate() == RateClass.STANDARD) {
      guards.rateLimits().checkStandard(ctx, principal, client);
    }
    checkBody(ctx);
    route.handler().handle(ctx);
  }

  private Principal authenticate(Context ctx) throws PublicError {
    Principal principal = guards.authenticator().authenticate(ctx);
    ctx.attribute(Principal.ATTRIBUTE, principal);
    return principal;
  }

  private Principal requireScope(Principal principal, Scope scope) throws PublicError {
    if (principal.has(scope)) {
      return principal;
    }
    throw PublicError.of(ErrorKind.FORBIDDEN, "missing scope " + scope.wireName() + " for " + label);
  }

  private void checkBody(Context ctx) throws PublicError {
    HandlerType method = route.method();
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody && method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
      return;
    }
    boolean raw = route.handler() instanceof RawBody;
    long cap = raw ? guards.maxUploadBytes() : guards.maxBodyBytes();
    if (ctx.req().getContentLengthLong() > cap) {
      throw PublicError.of(ErrorKind.PAYLOAD_TOO_LARGE, "declared body over the cap for " + label);
    }
    if (!raw && hasBody && !isJson(ctx.header("Content-Type"))) {
      throw PublicError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "a JSON route got another media type");
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    // Media types are case-insensitive (RFC 9110 §8.3.1); ASCII-only matching, no locale.
    return contentType.split(";", 2)[0].strip().matches("(?i)application/json");
  }
}
