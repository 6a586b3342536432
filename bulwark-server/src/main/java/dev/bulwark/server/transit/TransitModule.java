package dev.bulwark.server.transit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.secrets.JsonBody;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The transit API: named per-owner keys and encrypt, decrypt, rewrap. The owner is the
 * authenticated {@link Principal}'s account; {@code transit:encrypt} covers key management,
 * encryption and rewrap, {@code transit:decrypt} covers decryption. Binary values travel as standard
 * base64; ciphertexts as {@code bulwark:v<N>:<base64url>}. See {@code docs/server-secrets-transit.md}.
 *
 * <p>Thread-safe.
 */
public final class TransitModule implements ApiModule {
  private static final Set<String> CRYPT_FIELDS = Set.of("plaintext", "ciphertext", "context");

  private final TransitService transit;
  private final ObjectMapper json;

  /** Routes over {@code transit}, reading and writing JSON with {@code json}. */
  public TransitModule(TransitService transit, ObjectMapper json) {
    this.transit = Objects.requireNonNull(transit, "transit");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** The module as {@code ServerAssembly} builds it, over the server's database and root key. */
  public static TransitModule from(ServerServices services) {
    return new TransitModule(
        new TransitService(services.database(), services.rootAead(), services.audit(), services.clock()), services.json());
  }

  @Override
  public List<ApiRoute> routes() {
    Access encrypt = Access.scope(Scope.TRANSIT_ENCRYPT);
    Access decrypt = Access.scope(Scope.TRANSIT_DECRYPT);
    RateClass rate = RateClass.STANDARD;
    return List.of(
        new ApiRoute(HandlerType.POST, "/v1/transit/keys/{name}", encrypt, rate, "Create a transit key", this::create),
        new ApiRoute(HandlerType.GET, "/v1/transit/keys/{name}", encrypt, rate, "A transit key's metadata", this::read),
        new ApiRoute(HandlerType.POST, "/v1/transit/keys/{name}/rotate", encrypt, rate, "Add a new key version", this::rotate),
        new ApiRoute(HandlerType.POST, "/v1/transit/keys/{name}/config", encrypt, rate,
            "Set min_decryption_version", this::configure),
        new ApiRoute(HandlerType.POST, "/v1/transit/encrypt/{name}", encrypt, rate, "Encrypt base64 plaintext", this::encrypt),
        new ApiRoute(HandlerType.POST, "/v1/transit/decrypt/{name}", decrypt, rate, "Decrypt a ciphertext", this::decrypt),
        new ApiRoute(HandlerType.POST, "/v1/transit/rewrap/{name}", encrypt, rate,
            "Re-encrypt under the latest version without revealing plaintext", this::rewrap));
  }

  private void create(Context ctx) throws PublicError {
    String typeName = JsonBody.read(json, ctx, Set.of("type")).requiredString("type");
    TransitKeyType type = TransitKeyType.fromWireName(typeName)
        .orElseThrow(() -> PublicError.of(ErrorKind.BAD_REQUEST, "The key type is not supported.", "unknown key type"));
    JsonBody.respond(ctx, json, 200, keyBody(transit.create(owner(ctx), name(ctx), type)));
  }

  private void read(Context ctx) throws PublicError {
    JsonBody.respond(ctx, json, 200, keyBody(transit.read(owner(ctx), name(ctx))));
  }

  private void rotate(Context ctx) throws PublicError {
    JsonBody.read(json, ctx, Set.of());
    JsonBody.respond(ctx, json, 200, keyBody(transit.rotate(owner(ctx), name(ctx))));
  }

  private void configure(Context ctx) throws PublicError {
    int min = JsonBody.read(json, ctx, Set.of("min_decryption_version")).optionalInt("min_decryption_version")
        .orElseThrow(() -> PublicError.of(ErrorKind.BAD_REQUEST, "The request body is invalid.", "missing min version"));
    JsonBody.respond(ctx, json, 200, keyBody(transit.setMinDecryptionVersion(owner(ctx), name(ctx), min)));
  }

  private void encrypt(Context ctx) throws PublicError {
    JsonBody body = JsonBody.read(json, ctx, CRYPT_FIELDS);
    byte[] plaintext = body.base64("plaintext", true);
    try {
      TransitCiphertext ct = transit.encrypt(owner(ctx), name(ctx), plaintext, body.base64("context", false));
      JsonBody.respond(ctx, json, 200, Map.of("ciphertext", ct.format(), "key_version", ct.version()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private void decrypt(Context ctx) throws PublicError {
    JsonBody body = JsonBody.read(json, ctx, CRYPT_FIELDS);
    byte[] plaintext = transit.decrypt(owner(ctx), name(ctx), body.requiredString("ciphertext"), body.base64("context", false));
    try {
      JsonBody.respond(ctx, json, 200, Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext)));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private void rewrap(Context ctx) throws PublicError {
    JsonBody body = JsonBody.read(json, ctx, CRYPT_FIELDS);
    TransitCiphertext ct = transit.rewrap(owner(ctx), name(ctx), body.requiredString("ciphertext"), body.base64("context", false));
    JsonBody.respond(ctx, json, 200, Map.of("ciphertext", ct.format(), "key_version", ct.version()));
  }

  private static Map<String, Object> keyBody(TransitKeyInfo key) {
    List<Map<String, Object>> versions = key.versions().stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("created_time", Instant.ofEpochMilli(v.createdAtMillis()).toString());
      v.publicKey().ifPresent(pk -> m.put("public_key", Base64.getEncoder().encodeToString(pk)));
      return m;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", key.name());
    body.put("type", key.type().wireName());
    body.put("latest_version", key.latestVersion());
    body.put("min_decryption_version", key.minDecryptionVersion());
    body.put("created_time", Instant.ofEpochMilli(key.createdAtMillis()).toString());
    body.put("updated_time", Instant.ofEpochMilli(key.updatedAtMillis()).toString());
    body.put("versions", versions);
    return body;
  }

  private static String owner(Context ctx) {
    return Principal.of(ctx).accountId();
  }

  private static String name(Context ctx) throws PublicError {
    return TransitService.checkName(ctx.pathParam("name"));
  }
}
