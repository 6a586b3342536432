package dev.bulwark.auth.jwt;

import dev.bulwark.crypto.CryptoException;
import java.io.Serial;
import java.util.Objects;

/**
 * A token was rejected: malformed, oversized, signed with another key or algorithm, expired, not yet
 * valid, for another issuer or audience, or missing a required scope. The only exception {@link
 * JwtVerifier#verify(String)} throws for a bad token. The message names the rule that failed, never
 * the token, a claim value or key material, so it is safe to log; {@link #reason()} is the
 * machine-readable form.
 */
public final class InvalidTokenException extends CryptoException {
  @Serial private static final long serialVersionUID = 1L;

  /** Why a token was rejected. */
  public enum Reason {
    /** Not a JWS compact token, bad base64url, bad JSON, bad claim type, or JSON nested too deep. */
    MALFORMED,
    /** Longer than the verifier's size bound. */
    TOO_LARGE,
    /** A forbidden header: {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}, {@code crit}, {@code b64}. */
    FORBIDDEN_HEADER,
    /** {@code alg} is {@code none}, unknown, or not the algorithm pinned to the selected key. */
    ALGORITHM,
    /** No key matches the token's {@code kid}, or the choice of key is ambiguous. */
    UNKNOWN_KEY,
    /** The signature does not verify. */
    SIGNATURE,
    /** {@code exp} is missing. */
    MISSING_EXPIRATION,
    /** {@code exp} is in the past (beyond the allowed clock skew). */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future (beyond the allowed clock skew). */
    NOT_YET_VALID,
    /** {@code iss} is missing or not the expected issuer. */
    ISSUER,
    /** {@code aud} is missing or does not contain the expected audience. */
    AUDIENCE,
    /** A required scope is missing from the {@code scope} claim. */
    SCOPE,
    /** The {@code typ} header says this is not a JWT. */
    TYPE
  }

  private final Reason reason;

  /** A rejection for {@code reason}; {@code message} must not hold the token or any claim value. */
  public InvalidTokenException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  /** Why the token was rejected. */
  public Reason reason() {
    return reason;
  }
}
