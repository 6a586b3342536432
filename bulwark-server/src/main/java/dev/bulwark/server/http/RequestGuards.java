package dev.bulwark.server.http;

import java.util.Objects;

/**
 * The shared parts of the checks {@link GuardedHandler} runs around every route.
 *
 * @param addresses resolves the client address (socket peer unless proxies are trusted)
 * @param rateLimits the request budgets
 * @param authenticator the bearer-token check
 * @param maxBodyBytes the JSON body cap
 * @param maxUploadBytes the raw body cap ({@link RawBody} routes)
 */
public record RequestGuards(ClientAddresses addresses, RateLimits rateLimits, Authenticator authenticator,
    long maxBodyBytes, long maxUploadBytes) {
  public RequestGuards {
    Objects.requireNonNull(addresses, "addresses");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(authenticator, "authenticator");
  }
}
