package dev.bulwark.server.sessions;

import java.time.Instant;
import java.util.Objects;

/**
 * What a login or a refresh hands the client: a short-lived access JWT and the refresh token that
 * replaces it. Both are secrets: {@link #toString()} prints neither.
 *
 * @param sessionId the session (the JWT's {@code sid})
 * @param accessToken the EdDSA-signed access JWT
 * @param accessExpiresAt when the access token expires (5 minutes after issue)
 * @param refreshToken single use: each refresh returns a new one
 * @param refreshExpiresAt when the refresh token expires unless used
 */
public record IssuedSession(String sessionId, String accessToken, Instant accessExpiresAt, String refreshToken,
    Instant refreshExpiresAt) {
  /** Checks the parts are present. */
  public IssuedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
  }

  @Override
  public String toString() {
    return "IssuedSession[" + sessionId + ", tokens redacted]";
  }
}
