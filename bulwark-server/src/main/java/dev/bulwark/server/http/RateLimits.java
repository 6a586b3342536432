package dev.bulwark.server.http;

import dev.bulwark.auth.ratelimit.Limit;
import dev.bulwark.auth.ratelimit.RateLimitBackend;
import dev.bulwark.auth.ratelimit.RateLimitDecision;
import dev.bulwark.auth.ratelimit.RateLimitKey;
import dev.bulwark.auth.ratelimit.RateLimitRule;
import dev.bulwark.auth.ratelimit.RateLimiter;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.config.RateLimitSettings;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The server's three request budgets on one auth {@link RateLimitBackend} (in-process by default,
 * Redis when configured, so every instance shares them): per client address for every request
 * (checked before authentication, so a flood of guessed tokens is cut off), per identity (per
 * address when anonymous) for ordinary routes, and a much stricter per-address budget for credential
 * routes (login, registration, resets). A refused request is a 429 with {@code Retry-After}.
 *
 * <p>Thread-safe.
 */
public final class RateLimits {
  private final RateLimiter address;
  private final RateLimiter standard;
  private final RateLimiter credential;

  /** The three limiters of {@code settings} on {@code backend}. */
  public RateLimits(RateLimitSettings settings, RateLimitBackend backend) {
    this.address = RateLimiter.create(rule("address", settings.addressPerMinute()), backend);
    this.standard = RateLimiter.create(rule("standard", settings.standardPerMinute()), backend);
    this.credential = RateLimiter.create(rule("credential", settings.credentialPerMinute()), backend);
  }

  private static RateLimitRule rule(String name, long perMinute) {
    return RateLimitRule.named(name).limit(new Limit(perMinute, Duration.ofMinutes(1))).build();
  }

  /** Every request, before authentication. */
  void checkAddress(Context ctx, InetAddress client) throws PublicError {
    enforce(ctx, address.tryAcquire(RateLimitKey.forAddress(client)), "address budget");
  }

  /** Credential routes, per address. */
  void checkCredential(Context ctx, InetAddress client) throws PublicError {
    enforce(ctx, credential.tryAcquire(RateLimitKey.forAddress(client)), "credential budget");
  }

  /** Ordinary routes: per verified identity, per address when anonymous. */
  void checkStandard(Context ctx, Principal principal, InetAddress client) throws PublicError {
    RateLimitKey key = principal == null ? RateLimitKey.forAddress(client) : RateLimitKey.forIdentity(principal.accountId());
    enforce(ctx, standard.tryAcquire(key), "standard budget");
  }

  private static void enforce(Context ctx, RateLimitDecision decision, String budget) throws PublicError {
    if (decision instanceof RateLimitDecision.Limited limited) {
      ctx.header("Retry-After", Long.toString(Math.max(1, limited.retryAfterSeconds())));
      throw PublicError.of(ErrorKind.RATE_LIMITED, budget + " exhausted");
    }
  }
}
