package dev.bulwark.server.http;

import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.VerifiedApiKey;
import dev.bulwark.auth.jwt.InvalidTokenException;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authentication step before every non-public route: {@code Authorization: Bearer <token>},
 * where the token is an API key ({@code bwk_...}, checked against the {@code api_keys} table by
 * auth's {@link ApiKeys}) or an access JWT (auth's {@link JwtVerifier}: EdDSA pinned to the key,
 * {@code iss} "bulwark", {@code aud} "bulwark-api", not expired) whose session ({@code sid}) is still
 * live.
 *
 * <p>A JWT that verified is remembered by the SHA-256 of its exact text until its {@code exp}
 * ({@link VerifiedTokens}): later requests with the same token skip the signature check but never
 * the session-liveness check, so revocation still takes effect on the next request.
 *
 * <p>Every failure is the same 401 (a caller learns nothing about which check failed; the reason is
 * logged). Scope names the server does not know are dropped, never mapped to something else.
 * Thread-safe.
 */
public final class Authenticator {
  private static final int MAX_HEADER_CHARS = 9 * 1024;

  private final ApiKeys apiKeys;
  private final JwtVerifier verifier;
  private final SessionLiveness liveness;
  private final VerifiedTokens verified;

  /**
   * An authenticator whose token cache reads the system UTC clock; use {@link
   * #Authenticator(ApiKeys, JwtVerifier, SessionLiveness, Clock)} with the verifier's clock when that
   * is another one.
   *
   * @param apiKeys API key verification over the {@code api_keys} table
   * @param verifier the access-token verifier (issuer and audience pinned)
   * @param liveness whether a session is still live
   */
  public Authenticator(ApiKeys apiKeys, JwtVerifier verifier, SessionLiveness liveness) {
    this(apiKeys, verifier, liveness, Clock.systemUTC());
  }

  /**
   * @param apiKeys API key verification over the {@code api_keys} table
   * @param verifier the access-token verifier (issuer and audience pinned)
   * @param liveness whether a session is still live
   * @param clock the clock {@code verifier} reads: cached tokens expire by it
   */
  public Authenticator(ApiKeys apiKeys, JwtVerifier verifier, SessionLiveness liveness, Clock clock) {
    this(apiKeys, verifier, liveness, new VerifiedTokens(clock, VerifiedTokens.DEFAULT_MAX_ENTRIES));
  }

  Authenticator(ApiKeys apiKeys, JwtVerifier verifier, SessionLiveness liveness, VerifiedTokens verified) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.verified = Objects.requireNonNull(verified, "verified");
  }

  /**
   * Authenticates the request.
   *
   * @throws PublicError {@link ErrorKind#UNAUTHENTICATED} when the header is missing, malformed, or
   *     the credential is unknown, revoked, expired, forged or its session ended
   */
  public Principal authenticate(Context ctx) throws PublicError {
    return authenticate(ctx.header("Authorization"));
  }

  /** {@link #authenticate(Context)} on the value of the {@code Authorization} header (or null). */
  Principal authenticate(String authorization) throws PublicError {
    String token = bearer(authorization)
        .orElseThrow(() -> PublicError.of(ErrorKind.UNAUTHENTICATED, "missing or malformed Authorization header"));
    return token.startsWith("bwk_") ? apiKey(token) : accessToken(token);
  }

  private Principal apiKey(String token) throws PublicError {
    try {
      VerifiedApiKey key = apiKeys.verify(token);
      return new Principal(key.owner(), Principal.Kind.API_KEY, key.keyId(), scopes(key.scopes()));
    } catch (CryptoException e) {
      throw PublicError.of(ErrorKind.UNAUTHENTICATED, "API key rejected");
    }
  }

  private Principal accessToken(String token) throws PublicError {
    Optional<Principal> known = verified.find(token);
    if (known.isPresent()) {
      requireLive(known.get().credentialId());
      return known.get();
    }
    VerifiedJwt jwt;
    try {
      jwt = verifier.verify(token);
    } catch (InvalidTokenException e) {
      throw PublicError.of(ErrorKind.UNAUTHENTICATED, "access token rejected: " + e.reason());
    }
    Optional<String> subject = jwt.subject().filter(s -> !s.isBlank());
    Optional<String> session = jwt.stringClaim("sid").filter(s -> !s.isBlank());
    if (subject.isEmpty() || session.isEmpty()) {
      throw PublicError.of(ErrorKind.UNAUTHENTICATED, "access token without sub or sid");
    }
    requireLive(session.get());
    Principal principal = new Principal(subject.get(), Principal.Kind.SESSION, session.get(), scopes(jwt.scopes()));
    verified.remember(token, principal, jwt.expiresAt());
    return principal;
  }

  private void requireLive(String sessionId) throws PublicError {
    if (!liveness.isLive(sessionId)) {
      throw PublicError.of(ErrorKind.UNAUTHENTICATED, "access token of an ended session");
    }
  }

  private static Set<Scope> scopes(Set<String> wireNames) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    wireNames.forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
    return scopes;
  }

  /** The token of {@code Bearer <token>} (scheme case-insensitive, RFC 6750 §2.1), if well formed. */
  static Optional<String> bearer(String header) {
    if (header == null || header.length() > MAX_HEADER_CHARS || header.length() < 8) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).strip();
    return !token.isEmpty() && allTokenChars(token) ? Optional.of(token) : Optional.empty();
  }

  /** A plain loop: this runs on every authenticated request, where a stream pipeline showed in profiles. */
  private static boolean allTokenChars(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (!isTokenChar(token.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 6750 §2.1 b64token characters: {@code [A-Za-z0-9._~+/=-]}. */
  private static boolean isTokenChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
  }
}
