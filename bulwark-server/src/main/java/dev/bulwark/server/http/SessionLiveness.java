package dev.bulwark.server.http;

/**
 * Whether the session behind an access JWT is still live. The server asks on every request made
 * with an access token, so logout, password change and refresh-token reuse take effect at once
 * rather than when the 5-minute token expires. Implementations must answer from memory or a cheap
 * indexed read, and must be thread-safe.
 */
@FunctionalInterface
public interface SessionLiveness {
  /** False once the session was revoked (or never existed). */
  boolean isLive(String sessionId);
}
