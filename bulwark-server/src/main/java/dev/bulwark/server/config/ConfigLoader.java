package dev.bulwark.server.config;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.yaml.SafeYaml;
import dev.bulwark.guard.yaml.YamlRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link ServerConfig} from, in increasing precedence: defaults, a YAML file (parsed with
 * guard's {@link SafeYaml}: no tags, no billion laughs), {@code BULWARK_*} environment variables
 * and explicit settings (command-line flags, test overrides). Every source uses the same dotted
 * names ({@code database.url} is {@code database: {url: ...}} in YAML and {@code
 * BULWARK_DATABASE_URL} in the environment).
 *
 * {@snippet :
 * ServerConfig config = ConfigLoader.load(Optional.of(Path.of("bulwark.yaml")), System.getenv(),
 *     Map.of("listen", "127.0.0.1:0"));
 * }
 *
 * <p>An unknown setting in the file is refused (a misspelt {@code trusted_proxies} must not leave
 * the proxy list silently empty), as is a value of the wrong type. Unknown {@code BULWARK_*}
 * variables are ignored ({@code BULWARK_ROOT_KEY} is read by the key loader, not here). Stateless.
 */
public final class ConfigLoader {

  /** Every setting name, in the order {@code docs/server.md} documents them. */
  public static final List<String> SETTINGS = List.of("listen", "http", "data", "tls.cert", "tls.key",
      "root_key_file", "database.url", "database.user", "database.password", "database.schema",
      "trusted_proxies", "cors.origins", "limits.max_body_bytes", "limits.max_upload_bytes",
      "ratelimit.address_per_minute", "ratelimit.standard_per_minute", "ratelimit.credential_per_minute",
      "ratelimit.redis", "ratelimit.redis_prefix");

  private static final Set<String> KNOWN = Set.copyOf(SETTINGS);
  private static final long MAX_CONFIG_BYTES = 256 * 1024;

  private ConfigLoader() {}

  /**
   * Loads and validates.
   *
   * @param file the YAML file, if one was given
   * @param environment the process environment (only {@code BULWARK_*} names are read)
   * @param explicit settings that override everything else, by dotted name
   * @throws ConfigException naming the setting that is missing, unknown or refused
   */
  public static ServerConfig load(Optional<Path> file, Map<String, String> environment, Map<String, String> explicit) {
    Map<String, String> values = new LinkedHashMap<>();
    file.ifPresent(f -> values.putAll(readYaml(f)));
    for (String name : SETTINGS) {
      String env = environment.get(environmentName(name));
      if (env != null) {
        values.put(name, env);
      }
    }
    explicit.forEach((name, value) -> {
      requireKnown(name);
      values.put(name, Objects.requireNonNull(value, name));
    });
    return build(values);
  }

  /** The environment variable for a setting: {@code database.url} is {@code BULWARK_DATABASE_URL}. */
  public static String environmentName(String setting) {
    return "BULWARK_" + setting.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static ServerConfig build(Map<String, String> v) {
    ListenAddress listen = ListenAddress.parse(v.getOrDefault("listen", ServerConfig.DEFAULT_LISTEN));
    Optional<String> dbUrl = optional(v, "database.url");
    DatabaseSettings database = new DatabaseSettings(dbUrl, v.getOrDefault("database.user", "postgres"),
        v.getOrDefault("database.password", ""), v.getOrDefault("database.schema", "bulwark"));
    RateLimitSettings defaults = RateLimitSettings.defaults();
    RateLimitSettings rates = new RateLimitSettings(
        number(v, "ratelimit.address_per_minute", defaults.addressPerMinute()),
        number(v, "ratelimit.standard_per_minute", defaults.standardPerMinute()),
        number(v, "ratelimit.credential_per_minute", defaults.credentialPerMinute()));
    return new ServerConfig(listen.host(), listen.port(), bool(v, "http"), path(v, "data").orElse(Path.of("data")),
        path(v, "tls.cert"), path(v, "tls.key"), path(v, "root_key_file"), database, list(v, "trusted_proxies"),
        list(v, "cors.origins"), number(v, "limits.max_body_bytes", 1024 * 1024),
        number(v, "limits.max_upload_bytes", 16L * 1024 * 1024), rates, optional(v, "ratelimit.redis"),
        v.getOrDefault("ratelimit.redis_prefix", ServerConfig.DEFAULT_REDIS_KEY_PREFIX));
  }

  private static Map<String, String> readYaml(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ConfigException("config", "the configuration file is over 256 KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("config", "the configuration file cannot be read");
    }
    Object document;
    try {
      document = SafeYaml.create(Limits.defaults()).load(bytes);
    } catch (YamlRejectedException e) {
      throw new ConfigException("config", "the configuration file is not valid YAML (" + e.getMessage() + ")");
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (document == null) {
      return flat;
    }
    if (!(document instanceof Map<?, ?> root)) {
      throw new ConfigException("config", "the configuration file must be a YAML mapping");
    }
    flatten("", root, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested && !KNOWN.contains(name)) {
        flatten(name + ".", nested, out);
        continue;
      }
      requireKnown(name);
      switch (value) {
        case null -> { }
        case List<?> items -> out.put(name, items.stream().map(ConfigLoader::scalar).collect(Collectors.joining(",")));
        case Map<?, ?> ignored -> throw new ConfigException(name, "must be a single value, not a mapping");
        default -> out.put(name, scalar(value));
      }
    }
  }

  private static String scalar(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new ConfigException("config", "lists may hold only plain values");
    }
    return String.valueOf(value);
  }

  private static void requireKnown(String name) {
    if (!KNOWN.contains(name)) {
      throw new ConfigException(name, "unknown setting (known: " + String.join(", ", SETTINGS) + ")");
    }
  }

  private static Optional<String> optional(Map<String, String> v, String name) {
    return Optional.ofNullable(v.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static Optional<Path> path(Map<String, String> v, String name) {
    return optional(v, name).map(Path::of);
  }

  private static List<String> list(Map<String, String> v, String name) {
    return optional(v, name).map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
        .orElse(List.of());
  }

  private static boolean bool(Map<String, String> v, String name) {
    String value = optional(v, name).orElse("false");
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name, "must be true or false");
    };
  }

  private static long number(Map<String, String> v, String name, long fallback) {
    Optional<String> text = optional(v, name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(text.get().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number");
    }
  }
}
