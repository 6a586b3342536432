package dev.bulwark.server.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.auth.apikey.ApiKeyRecord;
import dev.bulwark.auth.apikey.IssuedApiKey;
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
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/api-keys} (scope {@code apikeys:manage}): create (the key appears in this one response
 * only), list (id, prefix, scopes, times: never the key or its digest), revoke. Owner-only: another
 * owner's key id answers 404 like an unknown one.
 *
 * <p>Create body: {@code {"scopes": ["files:read", ...], "expires_in_days": 30}} ({@code
 * expires_in_days} optional, 1 to 3660). Rejects: a missing or non-list {@code scopes}, an unknown
 * scope name or a bad expiry (400); a scope the caller does not hold (403). Stateless over a
 * thread-safe {@link ApiKeyService}.
 */
public final class ApiKeysApi implements ApiModule {
  private static final long MAX_DAYS = ApiKeyService.MAX_TIME_TO_LIVE.toDays();

  private final ApiKeyService keys;

  /** Routes over {@code keys}. */
  public ApiKeysApi(ApiKeyService keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The API-key capability as {@link ServerAssembly} builds it, on the server's {@code api_keys} store. */
  public static ApiKeysApi create(ServerServices services) {
    return new ApiKeysApi(new ApiKeyService(services.database(), services.apiKeyStore(), services.audit(), services.clock()));
  }

  @Override
  public List<ApiRoute> routes() {
    Access manage = Access.scope(Scope.APIKEYS_MANAGE);
    return List.of(
        new ApiRoute(HandlerType.POST, "/v1/api-keys", manage, RateClass.STANDARD,
            "Create an API key with a subset of your scopes (shown once)", this::create),
        new ApiRoute(HandlerType.GET, "/v1/api-keys", manage, RateClass.STANDARD,
            "List your API keys (never the key itself)", this::list),
        new ApiRoute(HandlerType.DELETE, "/v1/api-keys/{id}", manage, RateClass.STANDARD,
            "Revoke one of your API keys", this::revoke));
  }

  private void create(Context ctx) throws PublicError {
    Principal caller = Principal.of(ctx);
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    JsonNode scopes = body == null ? null : body.get("scopes");
    if (scopes == null || !scopes.isArray() || scopes.size() > 32) {
      throw badRequest("The field scopes must be a list of scope names.", "scopes missing or not a list");
    }
    Set<Scope> requested = EnumSet.noneOf(Scope.class);
    for (JsonNode name : scopes) {
      requested.add(Scope.fromWireName(name.isTextual() ? name.asText() : "")
          .orElseThrow(() -> badRequest("Unknown scope name.", "unknown scope")));
    }
    Optional<Duration> ttl = Optional.empty();
    JsonNode days = body.get("expires_in_days");
    if (days != null && !days.isNull()) {
      if (!days.canConvertToLong() || !days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > MAX_DAYS) {
        throw badRequest("The field expires_in_days must be 1 to " + MAX_DAYS + ".", "expiry out of range");
      }
      ttl = Optional.of(Duration.ofDays(days.asLong()));
    }
    IssuedApiKey issued = keys.create(caller.accountId(), caller.scopes(), requested, ttl);
    Map<String, Object> view = view(issued.record());
    view.put("key", issued.key().insecureValue());
    ctx.status(201).json(view);
  }

  private void list(Context ctx) {
    Principal caller = Principal.of(ctx);
    ctx.json(Map.of("api_keys", keys.list(caller.accountId()).stream().map(ApiKeysApi::view).toList()));
  }

  private void revoke(Context ctx) throws PublicError {
    Principal caller = Principal.of(ctx);
    keys.revoke(caller.accountId(), ctx.pathParam("id"));
    ctx.status(204);
  }

  private static PublicError badRequest(String message, String detail) {
    return PublicError.of(ErrorKind.BAD_REQUEST, message, detail);
  }

  /** The listing view: id, prefix, scopes and times; never the key or its digest. */
  static Map<String, Object> view(ApiKeyRecord r) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", r.keyId());
    view.put("prefix", r.hint());
    view.put("scopes", r.scopes().stream().sorted().toList());
    view.put("created_at", r.createdAt().toString());
    view.put("last_used_at", r.lastUsedAt().map(Object::toString).orElse(null));
    view.put("expires_at", r.expiresAt().map(Object::toString).orElse(null));
    return view;
  }
}
