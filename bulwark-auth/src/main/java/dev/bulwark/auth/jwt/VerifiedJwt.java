package dev.bulwark.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JWT whose signature, algorithm, issuer, audience, validity period and required scopes have been
 * checked by a {@link JwtVerifier}. Only a verifier can make one, so holding a {@code VerifiedJwt} is
 * proof of verification: there is no way to read the claims of a token that did not verify. Immutable
 * and thread-safe.
 *
 * {@snippet :
 * VerifiedJwt jwt = verifier.verify(token);
 * String user = jwt.subject().orElseThrow();
 * boolean canWrite = jwt.scopes().contains("write:files");
 * }
 */
public final class VerifiedJwt {
  private final Map<String, Object> json;
  private final RegisteredClaims registered;
  private final JwtAlgorithm algorithm;
  private final String keyId;
  private final Set<String> scopes;
  /** nimbus's view of the claims, built on first use by the accessors that read arbitrary claims. */
  private volatile JWTClaimsSet claims;

  VerifiedJwt(Map<String, Object> json, RegisteredClaims registered, JwtAlgorithm algorithm, String keyId, Set<String> scopes) {
    this.json = Collections.unmodifiableMap(json);
    this.registered = registered;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.scopes = Set.copyOf(scopes);
  }

  /** {@code iss} (checked against the verifier's issuer). */
  public String issuer() {
    return registered.issuer();
  }

  /** {@code sub}, if present. */
  public Optional<String> subject() {
    return Optional.ofNullable(registered.subject());
  }

  /** {@code aud} (one of them is the verifier's audience). */
  public List<String> audiences() {
    return List.copyOf(registered.audience());
  }

  /** {@code exp}. */
  public Instant expiresAt() {
    return registered.expiration();
  }

  /** {@code nbf}, if present. */
  public Optional<Instant> notBefore() {
    return Optional.ofNullable(registered.notBefore());
  }

  /** {@code iat}, if present. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(registered.issuedAt());
  }

  /** {@code jti}, if present. */
  public Optional<String> jwtId() {
    return Optional.ofNullable(registered.jwtId());
  }

  /** The scopes of the {@code scope} claim (empty if absent). */
  public Set<String> scopes() {
    return scopes;
  }

  /** A private claim that is a JSON string; empty if absent or of another type. */
  public Optional<String> stringClaim(String name) {
    return claims().getClaim(name) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /** A private claim that is a JSON boolean; empty if absent or of another type. */
  public Optional<Boolean> booleanClaim(String name) {
    return claims().getClaim(name) instanceof Boolean value ? Optional.of(value) : Optional.empty();
  }

  /** A private claim that is a JSON integer; empty if absent or of another type. */
  public Optional<Long> longClaim(String name) {
    Object value = claims().getClaim(name);
    return value instanceof Long || value instanceof Integer ? Optional.of(((Number) value).longValue()) : Optional.empty();
  }

  /** The algorithm the token was verified with. */
  public JwtAlgorithm algorithm() {
    return algorithm;
  }

  /** The {@code kid} of the key that verified the token, if that key has one. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** All claims as a JSON object (for logging to a trusted sink or the CLI). */
  public String claimsJson() {
    return claims().toString();
  }

  /**
   * nimbus's claims set over the verified JSON, for the accessors whose answers (registered claims
   * as typed values, the JSON text) must stay exactly what nimbus gives. The JSON passed the same
   * parse during verification, so it cannot fail here; concurrent first calls may build it twice.
   */
  private JWTClaimsSet claims() {
    JWTClaimsSet set = claims;
    if (set == null) {
      try {
        set = JWTClaimsSet.parse(json);
      } catch (ParseException e) {
        throw new IllegalStateException("claims that verified no longer parse", e);
      }
      claims = set;
    }
    return set;
  }

  @Override
  public String toString() {
    return "VerifiedJwt[alg=" + algorithm.joseName() + ", kid=" + keyId + "]";
  }
}
