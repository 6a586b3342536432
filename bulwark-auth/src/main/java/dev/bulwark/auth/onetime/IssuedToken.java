package dev.bulwark.auth.onetime;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued one-time token: send {@link #insecureToken()} to its owner (in a link) exactly
 * once; it is not stored anywhere. {@link #toString()} hides it.
 *
 * @param insecureToken the token text, {@code <keyId>.<43 base64url characters>}
 * @param expiresAt when it stops being redeemable
 */
public record IssuedToken(String insecureToken, Instant expiresAt) {
  /** Checks both parts are present. */
  public IssuedToken {
    Objects.requireNonNull(insecureToken, "insecureToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "IssuedToken[redacted, expiresAt=" + expiresAt + "]";
  }
}
