package dev.bulwark.cli.config;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import dev.bulwark.cli.keyset.KeysetFiles;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.guard.config.ConfigException;
import dev.bulwark.guard.config.EncryptedConfig;
import dev.bulwark.guard.secrets.Secret;
import dev.bulwark.guard.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark config}: the encrypted configuration store ({@link EncryptedConfig}) from the
 * command line. Values come on stdin and go to stdout, never as arguments (they would show in
 * {@code ps} and shell history). Exit 1 when the file fails authentication or a name has no value,
 * 2 for every usage or input error.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Keep secret settings in an encrypted file: each value sealed under its name, the whole file authenticated.",
      "The master key (32 random bytes, base64) comes from $BULWARK_MASTER_KEY or --master-key-file."
    })
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The encrypted configuration file.")
  Path file;

  @Option(names = "--master-key-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "File holding the master key in base64 (default: $BULWARK_MASTER_KEY).")
  Path masterKeyFile;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose init, set, get, list, remove or rotate (see --help)");
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create an empty configuration file with a fresh keyset; refuses to overwrite.")
  int init(
      @Option(names = "--preset", defaultValue = "AES256_GCM", paramLabel = "PRESET",
          description = "AES256_GCM (default), CHACHA20_POLY1305 or XCHACHA20_POLY1305.") KeysetPreset preset) {
    AeadKey master = masterKey();
    call(() -> EncryptedConfig.create(file(), master, preset));
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Read a value on stdin (one trailing newline is removed) and store it under NAME.")
  int set(@Parameters(paramLabel = "NAME", description = "The value's name: [A-Za-z_][A-Za-z0-9_.-]*.") String name) {
    checkName(name);
    EncryptedConfig config = open();
    byte[] value = Stdio.current().readAll(EncryptedConfig.MAX_VALUE_BYTES + 2, "the value");
    int length = value.length;
    if (length > 0 && value[length - 1] == '\n') {
      length--;
      if (length > 0 && value[length - 1] == '\r') {
        length--;
      }
    }
    Secret secret = Secret.ofBytes(Arrays.copyOf(value, length));
    Arrays.fill(value, (byte) 0);
    try {
      if (secret.lengthBytes() == 0) {
        throw CliException.usage("no value on stdin (pipe it in: printf %s \"$VALUE\" | bulwark config set NAME ...)");
      }
      if (secret.lengthBytes() > EncryptedConfig.MAX_VALUE_BYTES) {
        throw CliException.usage("the value is longer than " + EncryptedConfig.MAX_VALUE_BYTES + " bytes");
      }
      call(() -> {
        config.set(name, secret);
        return null;
      });
    } finally {
      secret.destroy();
    }
    return 0;
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Write the value of NAME to stdout, exactly as stored (no newline added).")
  int get(@Parameters(paramLabel = "NAME", description = "The value's name.") String name) {
    checkName(name);
    EncryptedConfig config = open();
    Secret value = call(() -> config.get(name)).orElseThrow(() -> CliException.negative("no value named " + name));
    byte[] bytes = value.insecureBytes();
    try {
      Stdio.current().writeOut(bytes);
    } catch (IOException e) {
      throw CliException.usage("cannot write to stdout");
    } finally {
      Arrays.fill(bytes, (byte) 0);
      value.destroy();
    }
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the names of the values, one per line, sorted.")
  int list() {
    EncryptedConfig config = open();
    config.names().forEach(spec.commandLine().getOut()::println);
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the value of NAME.")
  int remove(@Parameters(paramLabel = "NAME", description = "The value's name.") String name) {
    checkName(name);
    EncryptedConfig config = open();
    if (!call(() -> config.remove(name))) {
      throw CliException.negative("no value named " + name);
    }
    return 0;
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Add a new primary key, re-encrypt every value under it, disable the old keys. Prints the new key id.")
  int rotate(
      @Option(names = "--preset", defaultValue = "AES256_GCM", paramLabel = "PRESET",
          description = "Preset of the new key (default: ${DEFAULT-VALUE}).") KeysetPreset preset) {
    EncryptedConfig config = open();
    int id = call(() -> config.rotate(preset));
    spec.commandLine().getOut().println(Integer.toUnsignedString(id));
    return 0;
  }

  private Path file() {
    if (file == null) {
      throw CliException.usage("--file FILE is required");
    }
    return file;
  }

  /** The same master key handling as {@code bulwark keyset} (one implementation, in the library). */
  private AeadKey masterKey() {
    file();
    return KeysetFiles.masterKey(masterKeyFile, System.getenv());
  }

  private EncryptedConfig open() {
    AeadKey master = masterKey();
    return call(() -> EncryptedConfig.open(file, master));
  }

  private static void checkName(String name) {
    try {
      Secrets.checkName(name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** One step that may fail with a {@link ConfigException}. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws ConfigException;
  }

  /** Maps the store's failures to exit codes: authentication failures are a negative answer (1). */
  private <T> T call(Step<T> step) {
    try {
      return step.run();
    } catch (ConfigException e) {
      throw switch (e.reason()) {
        case TAMPERED, NO_SUCH_VALUE -> CliException.negative(e.getMessage());
        case NO_SUCH_FILE -> CliException.usage(e.getMessage() + " (create one with: bulwark config init --file FILE)");
        case INVALID_MASTER_KEY, ALREADY_EXISTS, MALFORMED, IO -> CliException.usage(e.getMessage());
      };
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
