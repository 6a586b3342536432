package dev.bulwark.server.keys;

import dev.bulwark.auth.jwt.JwkSet;
import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.jwt.JwtSigningKeyset;
import dev.bulwark.auth.jwt.JwtVerificationKey;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.storage.ServerMeta;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's access-token keys: an EdDSA (Ed25519) signing key with a {@code kid}, kept in {@code
 * server_meta} sealed under the root key (AES-256-GCM, associated data naming the row), so a restart
 * and every other instance on the same PostgreSQL sign and verify with the same key, and a database
 * dump alone never yields it.
 *
 * <p>Access tokens: {@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE}, 5 minutes. The
 * verifier requires both and pins EdDSA to the key (no {@code none}, no header-supplied key).
 *
 * <p>What it refuses: a stored key that does not open under this root key (wrong root key, or the row
 * was altered): start-up stops rather than minting a new key that would silently log everyone out.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwtKeys {
  /** The {@code iss} of every access token. */
  public static final String ISSUER = "bulwark";

  /** The {@code aud} of every access token. */
  public static final String AUDIENCE = "bulwark-api";

  /** How long an access token lives. */
  public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);

  static final String META_NAME = "jwt.signing_key.v1";
  private static final byte[] ASSOCIATED_DATA = ("bulwark server_meta " + META_NAME).getBytes(StandardCharsets.UTF_8);

  private final JwtSigningKeyset keyset;
  private final Clock clock;
  private final JwtVerifier verifier;

  private JwtKeys(JwtSigningKeyset keyset, Clock clock) {
    this.keyset = keyset;
    this.clock = clock;
    this.verifier = JwtVerifier.builder(keyset.verificationKeys(clock.instant()).toArray(new JwtVerificationKey[0]))
        .requireIssuer(ISSUER)
        .requireAudience(AUDIENCE)
        .clock(clock)
        .build();
  }

  /**
   * Loads the signing key from {@code server_meta}, creating and storing it on first start.
   *
   * @throws RootKeyException if the stored key does not open under {@code rootAead}
   * @throws StorageException if the database fails
   */
  public static JwtKeys loadOrCreate(Database database, Aead rootAead, Clock clock) {
    Optional<String> stored = database.read(JwtKeys::select);
    if (stored.isEmpty()) {
      JwtSigningKey fresh = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-" + SecureTokens.system().urlSafe(9));
      String sealed = seal(fresh, rootAead);
      try {
        database.inTransaction(c -> insert(c, sealed));
      } catch (StorageException raced) {
        // Another instance stored its key first (primary-key conflict): everyone uses that one.
        if (database.read(JwtKeys::select).isEmpty()) {
          throw raced;
        }
      }
      stored = database.read(JwtKeys::select);
    }
    JwtSigningKey key = open(stored.orElseThrow(), rootAead);
    return new JwtKeys(JwtSigningKeyset.create(key, Duration.ofHours(1)), clock);
  }

  /** A signer for access tokens (the accounts module mints them). */
  public JwtSigner signer() {
    return keyset.signer(clock);
  }

  /** A signer reading {@code otherClock} (tests make tokens that are already expired this way). */
  public JwtSigner signer(Clock otherClock) {
    return keyset.signer(otherClock);
  }

  /** The verifier the server's authentication step uses. */
  public JwtVerifier verifier() {
    return verifier;
  }

  /** The public keys, as served at {@code /.well-known/jwks.json}. */
  public JwkSet publicJwks() {
    return keyset.publicJwks(clock.instant());
  }

  private static String seal(JwtSigningKey key, Aead rootAead) {
    byte[] jwk = key.insecureExportPrivateJwk().getBytes(StandardCharsets.UTF_8);
    try {
      return Base64.getEncoder().encodeToString(rootAead.encrypt(jwk, ASSOCIATED_DATA));
    } catch (CryptoException e) {
      throw new RootKeyException("the root key cannot seal the JWT signing key");
    } finally {
      Arrays.fill(jwk, (byte) 0);
    }
  }

  private static JwtSigningKey open(String sealed, Aead rootAead) {
    byte[] jwk = null;
    try {
      jwk = rootAead.decrypt(Base64.getDecoder().decode(sealed), ASSOCIATED_DATA);
      return JwtSigningKey.fromJwk(new String(jwk, StandardCharsets.UTF_8));
    } catch (CryptoException | IllegalArgumentException e) {
      throw new RootKeyException("the stored JWT signing key does not open under this root key: is it the root"
          + " key this database was created with?");
    } finally {
      if (jwk != null) {
        Arrays.fill(jwk, (byte) 0);
      }
    }
  }

  private static Optional<String> select(Connection c) throws SQLException {
    return ServerMeta.read(c, META_NAME);
  }

  private static Void insert(Connection c, String sealed) throws SQLException {
    ServerMeta.insert(c, META_NAME, sealed);
    return null;
  }

  @Override
  public String toString() {
    return "JwtKeys[" + keyset.primary().keyId().orElse("?") + "]";
  }
}
