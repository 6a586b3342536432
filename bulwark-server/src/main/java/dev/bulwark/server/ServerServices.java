package dev.bulwark.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.auth.apikey.ApiKeyStore;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the server hands each capability module when {@link ServerAssembly} constructs it.
 *
 * @param database the migrated database; acknowledged writes go through {@code inTransaction}
 * @param clock the clock every module reads (tests inject a fixed one)
 * @param rootAead the root AEAD (AES-256-GCM): seal module keys under it, with associated data
 *     naming what each ciphertext is, never store them in clear
 * @param jwtSigner signs access tokens (iss "bulwark", aud "bulwark-api", EdDSA, kid)
 * @param jwtVerifier verifies access tokens as the authentication step does
 * @param audit where security events go (delegates to the installed trail)
 * @param config the validated configuration
 * @param dataDir the data directory (files module: keep uploads under it)
 * @param json the hardened JSON mapper the server parses request bodies with (each module gets its own
 *     copy, so no module can loosen the server's limits for the others)
 * @param apiKeyStore the {@code api_keys} table (auth's {@code JdbcApiKeyStore})
 * @param hooks where a module installs session liveness, the audit trail or a start-up notice
 */
public record ServerServices(Database database, Clock clock, Aead rootAead, JwtSigner jwtSigner,
    JwtVerifier jwtVerifier, AuditTrail audit, ServerConfig config, Path dataDir, ObjectMapper json,
    ApiKeyStore apiKeyStore, ServerHooks hooks) {
  public ServerServices {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rootAead, "rootAead");
    Objects.requireNonNull(jwtSigner, "jwtSigner");
    Objects.requireNonNull(jwtVerifier, "jwtVerifier");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataDir, "dataDir");
    json = json.copy();
    Objects.requireNonNull(apiKeyStore, "apiKeyStore");
    Objects.requireNonNull(hooks, "hooks");
  }

  /** A copy of the hardened mapper: same limits, but changing it changes nothing elsewhere. */
  @Override
  public ObjectMapper json() {
    return json.copy();
  }
}
