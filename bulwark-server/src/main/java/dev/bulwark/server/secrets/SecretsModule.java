package dev.bulwark.server.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.config.ConfigException;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The secrets API (Vault KV v2 semantics) and the admin data-key rotation routes. Every route takes
 * the owner from the authenticated {@link Principal}, never from the request; reads need {@code
 * secrets:read}, writes {@code secrets:write}, rotation {@code admin}. See
 * {@code docs/server-secrets-transit.md} for the wire format with examples.
 *
 * <p>{@link #close()} asks a running data-key rotation to stop after its current rewrap (it resumes
 * at the next start); a server that closes its modules on shutdown avoids a worker meeting a closed
 * database. Thread-safe: handlers share only thread-safe services.
 */
public final class SecretsModule implements ApiModule, AutoCloseable {
  private static final int MAX_VERSION_LIST = 100;

  private final SecretStore store;
  private final DataKeyRotation rotation;
  private final ObjectMapper json;

  /** Routes over {@code store} and {@code rotation}, reading and writing JSON with {@code json}. */
  public SecretsModule(SecretStore store, DataKeyRotation rotation, ObjectMapper json) {
    this.store = Objects.requireNonNull(store, "store");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * The module as {@code ServerAssembly} builds it: loads (or on first start creates) the data
   * keyset under the root key, and resumes any data-key rotation a previous process left unfinished.
   *
   * @throws ConfigException (setting {@code root_key}) if the stored data keyset does not open under
   *     this root key: the server must not start on a root key other than the one that sealed it
   */
  public static SecretsModule from(ServerServices services) {
    DataKeys keys;
    try {
      keys = DataKeys.open(services.database(), services.rootAead());
    } catch (CryptoException e) {
      throw new ConfigException("root_key", "the stored data keyset does not open under this root key"
          + " (another root key, or a modified server_meta row); start with the root key that sealed it");
    }
    SecretStore store = new SecretStore(services.database(), keys, services.audit(), services.clock());
    DataKeyRotation rotation = new DataKeyRotation(services.database(), keys, services.audit(), services.clock(),
        task -> Thread.ofVirtual().name("bulwark-data-key-rewrap").start(task));
    rotation.resumeUnfinished();
    return new SecretsModule(store, rotation, services.json());
  }

  /** Stops the background rotation worker after its current rewrap; the job stays resumable. */
  @Override
  public void close() {
    rotation.close();
  }

  @Override
  public List<ApiRoute> routes() {
    Access read = Access.scope(Scope.SECRETS_READ);
    Access write = Access.scope(Scope.SECRETS_WRITE);
    Access admin = Access.scope(Scope.ADMIN);
    RateClass rate = RateClass.STANDARD;
    return List.of(
        new ApiRoute(HandlerType.GET, "/v1/secrets/<path>", read, rate, "Read a secret (latest or ?version=N)", this::get),
        new ApiRoute(HandlerType.PUT, "/v1/secrets/<path>", write, rate, "Write a new secret version: value or data (optional cas)", this::put),
        new ApiRoute(HandlerType.DELETE, "/v1/secrets/<path>", write, rate, "Soft-delete the latest version", this::deleteLatest),
        new ApiRoute(HandlerType.GET, "/v1/secret-metadata/<path>", read, rate, "A secret's versions and times", this::metadata),
        new ApiRoute(HandlerType.GET, "/v1/secret-list", read, rate, "Names under ?prefix=", this::list),
        new ApiRoute(HandlerType.POST, "/v1/secret-delete/<path>", write, rate, "Soft-delete versions", this::delete),
        new ApiRoute(HandlerType.POST, "/v1/secret-undelete/<path>", write, rate, "Undelete versions", this::undelete),
        new ApiRoute(HandlerType.POST, "/v1/secret-destroy/<path>", write, rate, "Destroy versions for good", this::destroy),
        new ApiRoute(HandlerType.POST, "/v1/admin/data-key-rotations", admin, rate,
            "Rotate the data keys and rewrap every secret in the background", this::startRotation),
        new ApiRoute(HandlerType.GET, "/v1/admin/data-key-rotations/{id}", admin, rate,
            "Progress of a data-key rotation", this::rotationStatus));
  }

  private void get(Context ctx) throws PublicError {
    SecretValue value = store.get(owner(ctx), path(ctx), versionParam(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("path", value.path().value());
    body.put("version", value.version());
    switch (value.content()) {
      case SecretContent.Text text -> body.put("value", text.value());
      case SecretContent.Fields fields -> body.put("data", fields.data());
    }
    body.put("created_time", time(value.createdAtMillis()));
    JsonBody.respond(ctx, json, 200, body);
  }

  private void put(Context ctx) throws PublicError {
    JsonBody body = JsonBody.read(json, ctx, Set.of("value", "data", "cas"));
    SecretPath path = path(ctx);
    Optional<String> text = body.optionalString("value");
    Optional<Map<String, String>> fields = body.optionalStringMap("data");
    if (text.isPresent() == fields.isPresent()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The request body is invalid.", "need exactly one of value and data");
    }
    SecretContent content;
    try {
      content = text.isPresent() ? new SecretContent.Text(text.get()) : new SecretContent.Fields(fields.get());
    } catch (IllegalArgumentException e) {
      // SecretContent.Fields holds the limits (field count, name length): one place, one 400.
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The request body is invalid.", "secret fields out of bounds");
    }
    int version = store.put(owner(ctx), path, content, body.optionalInt("cas"));
    JsonBody.respond(ctx, json, 200, Map.of("path", path.value(), "version", version));
  }

  private void deleteLatest(Context ctx) throws PublicError {
    JsonBody.respond(ctx, json, 200, Map.of("deleted", store.delete(owner(ctx), path(ctx), List.of())));
  }

  private void delete(Context ctx) throws PublicError {
    List<Integer> versions = versions(ctx, false);
    JsonBody.respond(ctx, json, 200, Map.of("deleted", store.delete(owner(ctx), path(ctx), versions)));
  }

  private void undelete(Context ctx) throws PublicError {
    List<Integer> versions = versions(ctx, true);
    JsonBody.respond(ctx, json, 200, Map.of("undeleted", store.undelete(owner(ctx), path(ctx), versions)));
  }

  private void destroy(Context ctx) throws PublicError {
    List<Integer> versions = versions(ctx, true);
    JsonBody.respond(ctx, json, 200, Map.of("destroyed", store.destroy(owner(ctx), path(ctx), versions)));
  }

  private void metadata(Context ctx) throws PublicError {
    SecretMetadata meta = store.metadata(owner(ctx), path(ctx));
    List<Map<String, Object>> versions = meta.versions().stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("created_time", time(v.createdAtMillis()));
      m.put("deleted_time", v.deletedAtMillis().isPresent() ? time(v.deletedAtMillis().getAsLong()) : null);
      m.put("destroyed", v.destroyed());
      return m;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("path", meta.path().value());
    body.put("current_version", meta.currentVersion());
    body.put("max_versions", SecretStore.MAX_VERSIONS);
    body.put("created_time", time(meta.createdAtMillis()));
    body.put("updated_time", time(meta.updatedAtMillis()));
    body.put("versions", versions);
    JsonBody.respond(ctx, json, 200, body);
  }

  private void list(Context ctx) throws PublicError {
    String prefix = Objects.requireNonNullElse(ctx.queryParam("prefix"), "");
    JsonBody.respond(ctx, json, 200, Map.of("keys", store.list(owner(ctx), prefix)));
  }

  private void startRotation(Context ctx) throws PublicError {
    JsonBody.respond(ctx, json, 202, jobBody(rotation.start(owner(ctx))));
  }

  private void rotationStatus(Context ctx) throws PublicError {
    RotationJob job = rotation.status(ctx.pathParam("id"))
        .orElseThrow(() -> PublicError.of(ErrorKind.NOT_FOUND, "no such rotation job"));
    JsonBody.respond(ctx, json, 200, jobBody(job));
  }

  private static Map<String, Object> jobBody(RotationJob job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id());
    body.put("state", job.state());
    body.put("data_key_id", Long.toString(job.targetKeyId()));
    body.put("total", job.total());
    body.put("done", job.done());
    body.put("failed", job.failed());
    body.put("started_time", time(job.startedAtMillis()));
    body.put("finished_time", job.finishedAtMillis().isPresent() ? time(job.finishedAtMillis().getAsLong()) : null);
    return body;
  }

  private List<Integer> versions(Context ctx, boolean required) throws PublicError {
    List<Integer> versions = JsonBody.read(json, ctx, Set.of("versions")).intList("versions", MAX_VERSION_LIST);
    if (required && versions.isEmpty()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The version list is invalid.", "empty version list");
    }
    return versions;
  }

  private static OptionalInt versionParam(Context ctx) throws PublicError {
    String text = ctx.queryParam("version");
    if (text == null) {
      return OptionalInt.empty();
    }
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The version is invalid.", "bad version query parameter");
    }
    int version = Integer.parseInt(text);
    return version == 0 ? OptionalInt.empty() : OptionalInt.of(version);
  }

  private static String owner(Context ctx) {
    return Principal.of(ctx).accountId();
  }

  private static SecretPath path(Context ctx) throws PublicError {
    return SecretPath.parse(ctx.pathParam("path"));
  }

  private static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
