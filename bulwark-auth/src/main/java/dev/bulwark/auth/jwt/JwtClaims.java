package dev.bulwark.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.auth.jwt.internal.BoundedJson;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a JWT to be issued (RFC 7519 §4): registered claims through named setters, the OAuth
 * {@code scope} claim (RFC 8693 §4.2, space-separated), and private claims of JSON-safe types. An
 * expiry is required: {@link Builder#build()} refuses claims without {@code exp}. Immutable and
 * thread-safe; the builder is not.
 *
 * {@snippet :
 * JwtClaims claims = JwtClaims.builder()
 *     .issuer("https://id.example").subject("user-42").audience("api")
 *     .expiresAt(Instant.now().plus(Duration.ofMinutes(15)))
 *     .scopes("read:files", "write:files")
 *     .build();
 * }
 */
public final class JwtClaims {
  private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope");
  private static final int MAX_CLAIMS_DEPTH = 8;

  private final Map<String, Object> claims;

  private JwtClaims(Map<String, Object> claims) {
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /**
   * A builder holding the claims of a JSON object (for the CLI and for claims kept in files). Registered
   * claims must have their RFC 7519 types ({@code exp} a number, {@code aud} a string or array...).
   *
   * @throws CryptoException if {@code json} is not a JSON object, nests deeper than 8, or a registered
   *     claim has the wrong type
   */
  public static Builder builderFromJson(String json) throws CryptoException {
    Objects.requireNonNull(json, "json");
    Map<String, Object> map =
        BoundedJson.parseObject(json.getBytes(StandardCharsets.UTF_8), MAX_CLAIMS_DEPTH)
            .orElseThrow(() -> new CryptoException("claims are not a JSON object (or nest deeper than " + MAX_CLAIMS_DEPTH + ")"));
    try {
      JWTClaimsSet.parse(map);
    } catch (ParseException e) {
      throw new CryptoException("a registered claim has the wrong type");
    }
    if (map.containsKey("scope") && !(map.get("scope") instanceof String)) {
      throw new CryptoException("scope must be a space-separated string");
    }
    return new Builder(new LinkedHashMap<>(map));
  }

  /** {@code exp}. */
  public Instant expiresAt() {
    return Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
  }

  /** {@code iat}, if set. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable((Number) claims.get("iat")).map(n -> Instant.ofEpochSecond(n.longValue()));
  }

  /** The claims as nimbus's JSON-ready map (read-only). */
  Map<String, Object> asMap() {
    return claims;
  }

  /** Builds {@link JwtClaims}. Each setter rejects a bad value at once with an {@link IllegalArgumentException}. */
  public static final class Builder {
    private final Map<String, Object> claims;

    private Builder(Map<String, Object> claims) {
      this.claims = claims;
    }

    /** {@code iss}. */
    public Builder issuer(String issuer) {
      claims.put("iss", nonEmpty(issuer, "issuer"));
      return this;
    }

    /** {@code sub}. */
    public Builder subject(String subject) {
      claims.put("sub", nonEmpty(subject, "subject"));
      return this;
    }

    /** {@code aud}: one value as a string, several as an array (RFC 7519 §4.1.3). */
    public Builder audience(String... audiences) {
      if (audiences.length == 0) {
        throw new IllegalArgumentException("give at least one audience");
      }
      for (String audience : audiences) {
        nonEmpty(audience, "audience");
      }
      claims.put("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
      return this;
    }

    /** {@code exp}, in whole seconds. Required. */
    public Builder expiresAt(Instant expiresAt) {
      claims.put("exp", Objects.requireNonNull(expiresAt, "expiresAt").getEpochSecond());
      return this;
    }

    /** {@code nbf}, in whole seconds. */
    public Builder notBefore(Instant notBefore) {
      claims.put("nbf", Objects.requireNonNull(notBefore, "notBefore").getEpochSecond());
      return this;
    }

    /** {@code iat}; {@link JwtSigner} sets it to the signing time when absent. */
    public Builder issuedAt(Instant issuedAt) {
      claims.put("iat", Objects.requireNonNull(issuedAt, "issuedAt").getEpochSecond());
      return this;
    }

    /** {@code jti}. */
    public Builder jwtId(String jwtId) {
      claims.put("jti", nonEmpty(jwtId, "jwtId"));
      return this;
    }

    /**
     * The OAuth {@code scope} claim: each scope a non-empty run of printable ASCII other than space,
     * {@code "} and {@code \} (RFC 6749 §3.3).
     */
    public Builder scopes(String... scopes) {
      claims.put("scope", Scopes.join(scopes));
      return this;
    }

    /**
     * A private claim: a String, Boolean, Integer, Long, or a List of Strings.
     *
     * @throws IllegalArgumentException for a registered claim name (use its setter) or another type
     */
    public Builder claim(String name, Object value) {
      nonEmpty(name, "claim name");
      if (REGISTERED.contains(name)) {
        throw new IllegalArgumentException(name + " is a registered claim; use its own setter");
      }
      boolean simple = value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long;
      boolean strings = value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
      if (!simple && !strings) {
        throw new IllegalArgumentException("claim " + name + " must be a String, Boolean, Integer, Long or List<String>");
      }
      claims.put(name, strings ? List.copyOf((List<?>) value) : value);
      return this;
    }

    /** Whether {@code exp} is set. */
    public boolean hasExpiry() {
      return claims.get("exp") instanceof Number;
    }

    /**
     * The claims.
     *
     * @throws IllegalStateException if {@code exp} is not set: tokens that never expire are refused
     */
    public JwtClaims build() {
      if (!hasExpiry()) {
        throw new IllegalStateException("a JWT needs an expiry: call expiresAt(...)");
      }
      return new JwtClaims(claims);
    }

    static String nonEmpty(String value, String what) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return value;
    }
  }
}
