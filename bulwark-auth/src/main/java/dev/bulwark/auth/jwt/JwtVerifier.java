package dev.bulwark.auth.jwt;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.auth.jwt.internal.BoundedJson;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies JWS compact JWTs and yields a {@link VerifiedJwt}, or throws {@link InvalidTokenException}.
 * Checks, in order: size bound; three strict base64url parts; header JSON within the nesting bound;
 * no {@code jwk}/{@code jku}/{@code x5u}/{@code x5c}/{@code crit}/{@code b64} header; key chosen by
 * {@code kid}; {@code alg} equal to the algorithm pinned to that key ({@code none} never is); the
 * signature; {@code typ} absent or a JWT type; claims JSON within the nesting bound and of the RFC 7519
 * types; {@code exp} present and not past; {@code nbf} and {@code iat} not in the future; {@code iss}
 * equal to the issuer; {@code aud} containing the audience; every required scope in {@code scope}.
 * Times allow the clock skew (default 60 s, at most 10 min). Thread-safe, with an immutable
 * configuration; it remembers up to 16 headers of tokens that verified, so that the next token with
 * the same header skips decoding and parsing it again (the checks' outcome cannot differ: see
 * docs/jwt.md, "Performance"). Keep one verifier per configuration rather than one per request.
 *
 * <p>The issuer and the audience are required: {@link Builder#build()} refuses a verifier without them
 * (a token minted for another service must not be accepted here).
 *
 * {@snippet :
 * JwtVerifier verifier = JwtVerifier.builder(JwkSet.parse(jwksJson))
 *     .requireIssuer("https://id.example")
 *     .requireAudience("files-api")
 *     .requireScopes("read:files")
 *     .build();
 * VerifiedJwt jwt = verifier.verify(token);   // throws InvalidTokenException
 * }
 */
public final class JwtVerifier {
  /** Default clock skew allowance, as in Tink and PyCA's Fernet. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(60);
  /** The largest skew a verifier accepts: beyond this an expired token stays valid too long. */
  public static final Duration MAX_CLOCK_SKEW_CAP = Duration.ofMinutes(10);
  /** Default token size bound; an ML-DSA-65 token with a modest payload fits (its signature is 4,412 characters). */
  public static final int DEFAULT_MAX_TOKEN_CHARS = 8 * 1024;
  /** Largest size bound a verifier accepts. */
  public static final int MAX_TOKEN_CHARS_CAP = 64 * 1024;
  /** Default JSON nesting bound for header and claims. */
  public static final int DEFAULT_MAX_JSON_DEPTH = 8;
  /** Largest nesting bound a verifier accepts. */
  public static final int MAX_JSON_DEPTH_CAP = 32;

  private static final Set<String> JWT_TYPES = Set.of("jwt", "application/jwt", "at+jwt", "application/at+jwt");

  private final List<JwtVerificationKey> keys;
  private final String issuer;
  private final String audience;
  private final Set<String> requiredScopes;
  private final Duration maxClockSkew;
  private final int maxTokenChars;
  private final int maxJsonDepth;
  private final Clock clock;
  private final HeaderCache headerCache = new HeaderCache();

  private JwtVerifier(Builder b) {
    this.keys = b.keys;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.requiredScopes = Set.copyOf(b.requiredScopes);
    this.maxClockSkew = b.maxClockSkew;
    this.maxTokenChars = b.maxTokenChars;
    this.maxJsonDepth = b.maxJsonDepth;
    this.clock = b.clock;
  }

  /**
   * A builder over these keys.
   *
   * @throws IllegalArgumentException if there is no key, two keys share a {@code kid}, or there are
   *     several keys and one has no {@code kid}
   */
  public static Builder builder(JwtVerificationKey... keys) {
    return new Builder(List.of(keys));
  }

  /** A builder over the keys of a JWK set (see {@link #builder(JwtVerificationKey...)}). */
  public static Builder builder(JwkSet keys) {
    return new Builder(keys.keys());
  }

  /**
   * Verifies {@code token}.
   *
   * @return the verified token; its claims are readable only through it
   * @throws InvalidTokenException if any check fails; {@link InvalidTokenException#reason()} says which
   */
  public VerifiedJwt verify(String token) throws InvalidTokenException {
    Objects.requireNonNull(token, "token");
    JwsCompact.Verified jws = JwsCompact.verify(token, keys, maxTokenChars, maxJsonDepth, headerCache);
    Object typ = jws.header().get("typ");
    if (typ != null && !(typ instanceof String text && JWT_TYPES.contains(asciiLowerCase(text)))) {
      throw new InvalidTokenException(Reason.TYPE, "typ is not a JWT type");
    }
    Map<String, Object> json =
        BoundedJson.parseObject(jws.payload(), maxJsonDepth)
            .orElseThrow(() -> new InvalidTokenException(Reason.MALFORMED, "claims are not a JSON object"));
    RegisteredClaims claims;
    try {
      claims = RegisteredClaims.read(json);
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED, "a registered claim has the wrong type");
    }
    checkTimes(claims);
    if (!issuer.equals(claims.issuer())) {
      throw new InvalidTokenException(Reason.ISSUER, "iss is missing or not the expected issuer");
    }
    if (!claims.audience().contains(audience)) {
      throw new InvalidTokenException(Reason.AUDIENCE, "aud is missing or does not name this audience");
    }
    Object scope = json.get("scope");
    if (scope != null && !(scope instanceof String)) {
      throw new InvalidTokenException(Reason.MALFORMED, "scope is not a string");
    }
    Set<String> scopes = scope == null ? Set.of() : Scopes.split((String) scope);
    if (!scopes.containsAll(requiredScopes)) {
      throw new InvalidTokenException(Reason.SCOPE, "a required scope is missing");
    }
    return new VerifiedJwt(json, claims, jws.key().algorithm(), jws.key().keyId().orElse(null), scopes);
  }

  /**
   * Media types compare case-insensitively (RFC 7515 §4.1.9); folding only ASCII keeps a non-ASCII
   * look-alike from ever matching.
   */
  private static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private void checkTimes(RegisteredClaims claims) throws InvalidTokenException {
    Instant now = clock.instant();
    Instant exp = claims.expiration();
    if (exp == null) {
      throw new InvalidTokenException(Reason.MISSING_EXPIRATION, "exp is required");
    }
    // RFC 7519 §4.1.4: the current time must be before exp.
    if (!now.isBefore(exp.plus(maxClockSkew))) {
      throw new InvalidTokenException(Reason.EXPIRED, "token has expired");
    }
    Instant nbf = claims.notBefore();
    if (nbf != null && now.plus(maxClockSkew).isBefore(nbf)) {
      throw new InvalidTokenException(Reason.NOT_YET_VALID, "nbf is in the future");
    }
    Instant iat = claims.issuedAt();
    if (iat != null && now.plus(maxClockSkew).isBefore(iat)) {
      throw new InvalidTokenException(Reason.NOT_YET_VALID, "iat is in the future");
    }
  }

  /** Builds a {@link JwtVerifier}; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private final List<JwtVerificationKey> keys;
    private String issuer;
    private String audience;
    private final Set<String> requiredScopes = new HashSet<>();
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private int maxTokenChars = DEFAULT_MAX_TOKEN_CHARS;
    private int maxJsonDepth = DEFAULT_MAX_JSON_DEPTH;
    private Clock clock = Clock.systemUTC();

    private Builder(List<JwtVerificationKey> keys) {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("give at least one verification key");
      }
      Set<String> kids = new HashSet<>();
      for (JwtVerificationKey key : keys) {
        String kid = Objects.requireNonNull(key, "key").keyId().orElse(null);
        if (kid == null && keys.size() > 1) {
          throw new IllegalArgumentException("with several keys, every key needs a kid");
        }
        if (kid != null && !kids.add(kid)) {
          throw new IllegalArgumentException("two keys share the kid " + kid);
        }
      }
      this.keys = List.copyOf(keys);
    }

    /** The exact {@code iss} a token must carry. Required. */
    public Builder requireIssuer(String issuer) {
      this.issuer = JwtClaims.Builder.nonEmpty(issuer, "issuer");
      return this;
    }

    /** The audience that a token's {@code aud} must contain. Required. */
    public Builder requireAudience(String audience) {
      this.audience = JwtClaims.Builder.nonEmpty(audience, "audience");
      return this;
    }

    /** Scopes that must all appear in the token's {@code scope} claim; adds to earlier calls. */
    public Builder requireScopes(String... scopes) {
      requiredScopes.addAll(Scopes.checkAll(scopes));
      return this;
    }

    /**
     * The clock skew allowed on {@code exp}, {@code nbf} and {@code iat}.
     *
     * @throws IllegalArgumentException if negative or over {@link #MAX_CLOCK_SKEW_CAP}
     */
    public Builder maxClockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW_CAP) > 0) {
        throw new IllegalArgumentException("clock skew must be 0 to " + MAX_CLOCK_SKEW_CAP);
      }
      this.maxClockSkew = skew;
      return this;
    }

    /**
     * The longest token accepted, in characters.
     *
     * @throws IllegalArgumentException unless 256 to {@link #MAX_TOKEN_CHARS_CAP}
     */
    public Builder maxTokenChars(int chars) {
      if (chars < 256 || chars > MAX_TOKEN_CHARS_CAP) {
        throw new IllegalArgumentException("token size bound must be 256 to " + MAX_TOKEN_CHARS_CAP);
      }
      this.maxTokenChars = chars;
      return this;
    }

    /**
     * The deepest JSON nesting accepted in header and claims.
     *
     * @throws IllegalArgumentException unless 1 to {@link #MAX_JSON_DEPTH_CAP}
     */
    public Builder maxJsonDepth(int depth) {
      if (depth < 1 || depth > MAX_JSON_DEPTH_CAP) {
        throw new IllegalArgumentException("JSON depth bound must be 1 to " + MAX_JSON_DEPTH_CAP);
      }
      this.maxJsonDepth = depth;
      return this;
    }

    /** The clock for time checks (tests); defaults to the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException if the issuer or the audience was not set
     */
    public JwtVerifier build() {
      if (issuer == null) {
        throw new IllegalStateException("set the expected issuer: requireIssuer(\"https://your-issuer\")");
      }
      if (audience == null) {
        throw new IllegalStateException("set this service's audience: requireAudience(\"your-api\")");
      }
      return new JwtVerifier(this);
    }
  }
}
