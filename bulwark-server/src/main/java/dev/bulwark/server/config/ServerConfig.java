package dev.bulwark.server.config;

import dev.bulwark.auth.ratelimit.ClientAddressResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to start, validated as a whole: a value that would weaken security
 * or cannot work stops start-up with a {@link ConfigException} naming the setting. Built by {@link
 * ConfigLoader} from defaults, a YAML file, {@code BULWARK_*} variables and command-line flags
 * (each overriding the one before); the reference is {@code docs/server.md}.
 *
 * <p>What it refuses, and why: plain HTTP on anything but a loopback address (credentials would
 * cross the network in clear); a certificate without its key or the other way round; a malformed
 * trusted-proxy range (a typo must not silently trust everyone, or no one); a CORS origin that is a
 * wildcard, has a path, or is not http(s) (credentials to any site); budgets out of range.
 *
 * <p>Immutable and thread-safe.
 *
 * @param listenHost the address to bind ({@code 127.0.0.1} by default)
 * @param listenPort the port; 0 picks a free one (tests)
 * @param plainHttp serve HTTP instead of HTTPS: loopback only, for a local TLS-terminating proxy
 * @param dataDir where the SQLite file, the generated certificate and root key live
 * @param tlsCertFile a PEM certificate chain; empty to use the self-signed one from {@code dataDir}
 * @param tlsKeyFile the PEM private key of {@code tlsCertFile}
 * @param rootKeyFile a file holding the base64 root key; empty to use {@code BULWARK_ROOT_KEY} or
 *     {@code dataDir/root.key}
 * @param database SQLite (default) or PostgreSQL
 * @param trustedProxies CIDR ranges whose {@code X-Forwarded-For} is believed; empty = socket peer only
 * @param corsOrigins exact origins allowed cross-origin; empty = no CORS headers at all
 * @param maxBodyBytes the largest JSON request body
 * @param maxUploadBytes the largest raw (non-JSON) request body, for uploads
 * @param rateLimits the request budgets
 * @param redisUrl a Redis URL to share rate limits between instances; empty = in-process
 * @param redisKeyPrefix what every rate-limit key in Redis starts with, so that deployments (or
 *     applications) sharing one Redis never share budgets
 */
public record ServerConfig(
    String listenHost,
    int listenPort,
    boolean plainHttp,
    Path dataDir,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsKeyFile,
    Optional<Path> rootKeyFile,
    DatabaseSettings database,
    List<String> trustedProxies,
    List<String> corsOrigins,
    long maxBodyBytes,
    long maxUploadBytes,
    RateLimitSettings rateLimits,
    Optional<String> redisUrl,
    String redisKeyPrefix) {

  /** The default listen address. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:8443";

  /** The default Redis key prefix of the shared rate limits. */
  public static final String DEFAULT_REDIS_KEY_PREFIX = "bulwark:rl:";

  /** Largest body cap accepted (the upload cap may go to 64 GiB). */
  public static final long MAX_BODY_BYTES_CAP = 64L * 1024 * 1024;

  /** @throws ConfigException naming the first setting that is refused */
  public ServerConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(rateLimits, "rateLimits");
    trustedProxies = List.copyOf(trustedProxies);
    corsOrigins = List.copyOf(corsOrigins);
    if (listenPort < 0 || listenPort > 65_535) {
      throw new ConfigException("listen", "the port must be 0 to 65535");
    }
    if (plainHttp && !ListenAddress.isLoopback(listenHost)) {
      throw new ConfigException("http", "plain HTTP is allowed only on a loopback address (127.0.0.1, ::1,"
          + " localhost); use TLS to listen on " + "other addresses");
    }
    if (tlsCertFile.isPresent() != tlsKeyFile.isPresent()) {
      throw new ConfigException(tlsCertFile.isPresent() ? "tls.key" : "tls.cert",
          "tls.cert and tls.key must be set together");
    }
    if (!trustedProxies.isEmpty()) {
      try {
        ClientAddressResolver.trustingProxies(trustedProxies);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("trusted_proxies", "each entry must be an IP address or CIDR range such as"
            + " 10.0.0.0/8, and 0.0.0.0/0 or ::/0 are refused");
      }
    }
    corsOrigins.forEach(ServerConfig::checkOrigin);
    if (maxBodyBytes < 1024 || maxBodyBytes > MAX_BODY_BYTES_CAP) {
      throw new ConfigException("limits.max_body_bytes", "must be 1024 to " + MAX_BODY_BYTES_CAP);
    }
    if (maxUploadBytes < 1024 || maxUploadBytes > 64L * 1024 * 1024 * 1024) {
      throw new ConfigException("limits.max_upload_bytes", "must be 1024 to 68719476736");
    }
    redisUrl.ifPresent(url -> {
      if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
        throw new ConfigException("ratelimit.redis", "must be a redis:// or rediss:// URL");
      }
    });
    Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
    if (!redisKeyPrefix.matches("[A-Za-z0-9:._-]{1,64}")) {
      throw new ConfigException("ratelimit.redis_prefix", "must be 1 to 64 characters of A-Z a-z 0-9 : . _ -");
    }
  }

  /** True when the server speaks TLS (always, unless {@code --http} on loopback). */
  public boolean tls() {
    return !plainHttp;
  }

  private static void checkOrigin(String origin) {
    String problem = "each origin must be scheme://host[:port] with scheme http or https, no path and no wildcard";
    if (origin.contains("*")) {
      throw new ConfigException("cors.origins", problem);
    }
    try {
      URI uri = new URI(origin);
      String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
      boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
          && uri.getFragment() == null && uri.getUserInfo() == null && uri.getHost() != null;
      if (!bare || !scheme.matches("(?i)https?")) {
        throw new ConfigException("cors.origins", problem);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("cors.origins", problem);
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[listen=" + listenHost + ":" + listenPort + (plainHttp ? ", http" : ", https") + ", data="
        + dataDir + ", " + database + "]";
  }
}
