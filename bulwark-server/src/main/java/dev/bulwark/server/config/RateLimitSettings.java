package dev.bulwark.server.config;

/**
 * The request budgets, in requests per minute (each refilled smoothly over the minute).
 *
 * @param addressPerMinute every request from one client address (IPv6: per /64), checked before
 *     authentication so a flood of bad tokens is cut off too
 * @param standardPerMinute ordinary API calls per authenticated identity (per address when anonymous)
 * @param credentialPerMinute login, registration, reset and other credential routes, per address:
 *     much stricter, because each is a guess at a secret
 */
public record RateLimitSettings(long addressPerMinute, long standardPerMinute, long credentialPerMinute) {

  /** Defaults: 1,200 per address, 600 per identity, 10 credential attempts per address a minute. */
  public static RateLimitSettings defaults() {
    return new RateLimitSettings(1_200, 600, 10);
  }

  /** @throws ConfigException if a budget is not 1 to 1,000,000 */
  public RateLimitSettings {
    check("ratelimit.address_per_minute", addressPerMinute);
    check("ratelimit.standard_per_minute", standardPerMinute);
    check("ratelimit.credential_per_minute", credentialPerMinute);
  }

  private static void check(String setting, long value) {
    if (value < 1 || value > 1_000_000) {
      throw new ConfigException(setting, "must be a whole number from 1 to 1000000");
    }
  }
}
