package dev.bulwark.guard.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an application gets its secrets: a chain of {@link SecretSource sources} asked in order,
 * the first that has a name wins. {@link #require(String...)} is meant for start-up: it fails once,
 * listing every missing NAME, so a service never starts half-configured.
 *
 * {@snippet :
 * Secrets secrets = Secrets.chain(
 *     SecretSource.environment(),
 *     SecretSource.directory(Path.of("/run/secrets")),
 *     SecretSource.dotEnv(Path.of(".env")));
 * Map<String, Secret> s = secrets.require("DB_PASSWORD", "SESSION_KEY"); // or throws, naming both
 * }
 *
 * <p>A source that cannot be read (Vault unreachable, a permission error) makes the lookup fail
 * with a {@link SecretsException}; the chain does not fall through to the next source, because a
 * lower-priority value (a developer's {@code .env}) must not silently replace the real one.
 *
 * <p>Names are 1 to 128 characters of {@code [A-Za-z0-9_.-]}, starting with a letter or {@code _}:
 * enough for environment variables, file names and Vault keys, and safe to print and to use as a
 * file name. Another name is API misuse ({@link IllegalArgumentException}). Immutable and
 * thread-safe if its sources are.
 */
public final class Secrets {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

  private final List<SecretSource> sources;

  private Secrets(List<SecretSource> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a secrets chain needs at least one source");
    }
    this.sources = List.copyOf(sources);
  }

  /** A chain asking {@code sources} in the given order. */
  public static Secrets chain(SecretSource... sources) {
    return new Secrets(List.of(sources));
  }

  /** A chain asking {@code sources} in the given order. */
  public static Secrets chain(List<? extends SecretSource> sources) {
    return new Secrets(List.copyOf(sources));
  }

  /**
   * The value of {@code name} from the first source that has it.
   *
   * @throws SecretsException if a source asked before the one that has it could not be read
   * @throws IllegalArgumentException if {@code name} is not a valid secret name
   */
  public Optional<Secret> find(String name) throws SecretsException {
    checkName(name);
    for (SecretSource source : sources) {
      Optional<Secret> value = source.find(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * The value of one required name.
   *
   * @throws MissingSecretsException if no source has it; the message says where to set it
   * @throws SecretsException if a source could not be read
   */
  public Secret require(String name) throws SecretsException {
    return require(new String[] {name}).get(name);
  }

  /**
   * The values of every name, in the order given; or one exception listing every missing name.
   *
   * @throws MissingSecretsException if any name has no value; lists all of them
   * @throws SecretsException if a source could not be read
   * @throws IllegalArgumentException if no name is given, or one is not a valid name
   */
  public Map<String, Secret> require(String... names) throws SecretsException {
    Objects.requireNonNull(names, "names");
    if (names.length == 0) {
      throw new IllegalArgumentException("require at least one name");
    }
    for (String name : names) {
      checkName(name);
    }
    Map<String, Secret> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (found.containsKey(name) || missing.contains(name)) {
        continue;
      }
      Optional<Secret> value = find(name);
      if (value.isPresent()) {
        found.put(name, value.get());
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      found.values().forEach(Secret::destroy);
      throw new MissingSecretsException(missing, descriptions());
    }
    return Collections.unmodifiableMap(found);
  }

  /** What each source is, in order, for messages. */
  public List<String> descriptions() {
    return sources.stream().map(SecretSource::description).toList();
  }

  /**
   * Returns {@code name} if it is a valid secret name.
   *
   * @throws IllegalArgumentException if it is not (the message does not echo it: a caller might
   *     have passed a value by mistake)
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a secret name is 1 to 128 characters of [A-Za-z0-9_.-] starting with a letter or '_'");
    }
    return name;
  }
}
