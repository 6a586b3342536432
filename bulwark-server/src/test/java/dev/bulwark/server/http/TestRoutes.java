package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.storage.StorageException;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A module exercising every access kind, body handling and a failing route, for the e2e tests. */
final class TestRoutes implements ApiModule {
  /** SQL and a path a leaking error page would show. */
  static final String LEAKY_DETAIL = "SELECT password_hash FROM accounts WHERE email = 'x' -- /var/lib/bulwark/bulwark.db";

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        new ApiRoute(HandlerType.GET, "/v1/test/public", Access.anyone(), RateClass.STANDARD, "Public test route",
            ctx -> ctx.json(Map.of("ok", true))),
        new ApiRoute(HandlerType.GET, "/v1/test/me", Access.authenticated(), RateClass.STANDARD, "Who am I",
            ctx -> {
              Principal p = Principal.of(ctx);
              ctx.json(Map.of("account", p.accountId(), "kind", p.kind().name(), "credential", p.credentialId()));
            }),
        new ApiRoute(HandlerType.GET, "/v1/test/secret", Access.scope(Scope.SECRETS_READ), RateClass.STANDARD,
            "Scoped test route", ctx -> ctx.json(Map.of("account", Principal.of(ctx).accountId()))),
        new ApiRoute(HandlerType.POST, "/v1/test/echo", Access.anyone(), RateClass.STANDARD, "Echo JSON",
            ctx -> ctx.json(ctx.bodyAsClass(JsonNode.class))),
        new ApiRoute(HandlerType.PUT, "/v1/test/raw", Access.anyone(), RateClass.STANDARD, "Raw body",
            (RawBody) ctx -> ctx.json(Map.of("bytes", ctx.bodyAsBytes().length))),
        new ApiRoute(HandlerType.GET, "/v1/test/items/{id}", Access.anyone(), RateClass.STANDARD, "Path parameter",
            ctx -> ctx.json(Map.of("id", ctx.pathParam("id")))),
        new ApiRoute(HandlerType.GET, "/v1/test/storage-failure", Access.anyone(), RateClass.STANDARD, "Fails in SQL",
            ctx -> {
              throw new StorageException("reading an account", new SQLException(LEAKY_DETAIL, "42P01"));
            }),
        new ApiRoute(HandlerType.GET, "/v1/test/runtime-failure", Access.anyone(), RateClass.STANDARD, "Fails",
            ctx -> {
              throw new IllegalStateException(LEAKY_DETAIL);
            }),
        new ApiRoute(HandlerType.POST, "/v1/test/login", Access.anyone(), RateClass.CREDENTIAL, "Credential route",
            ctx -> ctx.json(Map.of("ok", true))),
        new ApiRoute(HandlerType.GET, "/v1/test/address", Access.anyone(), RateClass.STANDARD, "Client address",
            ctx -> ctx.json(Map.of("address", ((InetAddress) ctx.attribute(ClientAddresses.ATTRIBUTE)).getHostAddress()))));
  }
}
