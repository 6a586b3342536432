package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.auth.jwt.JwkSet;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.metrics.RequestMetrics;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The server's own routes: {@code /.well-known/jwks.json} (public keys that verify access tokens),
 * {@code /healthz} (the process answers), {@code /readyz} (the database answers: 503 otherwise),
 * {@code /metrics} (Prometheus text; loopback callers or the {@code admin} scope only, because
 * route names and counts map the API for an attacker) and {@code /openapi.json}.
 *
 * <p>Registered through {@link RouteRegistrar} like every capability route. Thread-safe.
 */
public final class CoreRoutes {
  private CoreRoutes() {}

  /**
   * Adds the core routes to {@code registrar}.
   *
   * @param jwks the current public keys
   * @param databaseReachable whether the database answers
   * @param metrics the request metrics
   * @param json the hardened mapper, for the OpenAPI document
   * @param version the server version for the OpenAPI document
   */
  public static void addTo(RouteRegistrar registrar, Supplier<JwkSet> jwks, BooleanSupplier databaseReachable,
      RequestMetrics metrics, ObjectMapper json, String version) {
    Objects.requireNonNull(jwks, "jwks");
    registrar.add(() -> java.util.List.of(
        new ApiRoute(HandlerType.GET, "/.well-known/jwks.json", Access.anyone(), RateClass.STANDARD,
            "The public keys that verify access tokens (JWKS)", ctx -> {
              ctx.contentType("application/jwk-set+json");
              ctx.header("Cache-Control", "public, max-age=300");
              ctx.result(jwks.get().toJson());
            }),
        new ApiRoute(HandlerType.GET, "/healthz", Access.anyone(), RateClass.STANDARD,
            "Liveness: the process answers", ctx -> ctx.json(Map.of("status", "ok"))),
        new ApiRoute(HandlerType.GET, "/readyz", Access.anyone(), RateClass.STANDARD,
            "Readiness: the database answers", ctx -> {
              if (!databaseReachable.getAsBoolean()) {
                throw PublicError.of(ErrorKind.UNAVAILABLE, "database not reachable");
              }
              ctx.json(Map.of("status", "ready"));
            }),
        new ApiRoute(HandlerType.GET, "/openapi.json", Access.anyone(), RateClass.STANDARD,
            "This OpenAPI 3.1 document", ctx -> ctx.contentType("application/json")
                .result(json.writeValueAsString(OpenApiDocument.of(registrar.routes(), version))))));
    registrar.addLoopbackExempt(new ApiRoute(HandlerType.GET, "/metrics", Access.scope(Scope.ADMIN),
        RateClass.STANDARD, "Prometheus metrics (loopback callers, or the admin scope)",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.exposition())));
  }
}
