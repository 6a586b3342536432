package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.KeyInfo;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetPreset;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bulwark keyset}: create and manage a keyset file, always sealed under a master key. */
@Command(
    name = "keyset",
    mixinStandardHelpOptions = true,
    description = {
      "Create and manage a keyset file (AEAD keys with ids, one primary), sealed under a master key.",
      "The master key (32 random bytes, base64) comes from $BULWARK_MASTER_KEY or --master-key-file."
    })
public final class KeysetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--keyset", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The sealed keyset file.")
  Path keysetFile;

  @Option(names = "--master-key-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "File holding the master key in base64 (default: $BULWARK_MASTER_KEY).")
  Path masterKeyFile;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose new, rotate, list, disable or destroy (see --help)");
  }

  private Path keysetFile() {
    if (keysetFile == null) {
      throw CliException.usage("--keyset FILE is required");
    }
    return keysetFile;
  }

  private AeadKey masterKey() {
    keysetFile();
    return KeysetFiles.masterKey(masterKeyFile, System.getenv());
  }

  @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a keyset with one primary key.")
  int create(
      @Option(names = "--preset", defaultValue = "AES256_GCM", paramLabel = "PRESET",
          description = "AES256_GCM (default), CHACHA20_POLY1305 or XCHACHA20_POLY1305.") KeysetPreset preset) {
    AeadKey master = masterKey();
    Keyset keyset = Keyset.generate(preset);
    KeysetFiles.save(keysetFile, keyset, master, true);
    spec.commandLine().getOut().println(Integer.toUnsignedString(keyset.primaryKeyId()));
    return 0;
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Add a new primary key; old keys stay enabled so old data still decrypts. Prints the new id.")
  int rotate(
      @Option(names = "--preset", defaultValue = "AES256_GCM", paramLabel = "PRESET",
          description = "Preset of the new key (default: ${DEFAULT-VALUE}).") KeysetPreset preset) {
    AeadKey master = masterKey();
    Keyset keyset = KeysetFiles.load(keysetFile, master).rotate(preset);
    KeysetFiles.save(keysetFile, keyset, master, false);
    spec.commandLine().getOut().println(Integer.toUnsignedString(keyset.primaryKeyId()));
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print one line per key: id, algorithm, state, and 'primary' for the primary.")
  int list() {
    Keyset keyset = KeysetFiles.load(keysetFile, masterKey());
    for (KeyInfo key : keyset.keys()) {
      spec.commandLine().getOut().println(key.keyIdText() + " " + key.algorithm() + " " + key.status()
          + (key.primary() ? " primary" : ""));
    }
    return 0;
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a non-primary key: data under it is refused until it is enabled again.")
  int disable(@Option(names = "--key-id", required = true, paramLabel = "ID", description = "The key's id.") String keyId) {
    return change(keyId, "disable");
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = "Destroy a non-primary key for good: data under it can never be decrypted again.")
  int destroy(@Option(names = "--key-id", required = true, paramLabel = "ID", description = "The key's id.") String keyId) {
    return change(keyId, "destroy");
  }

  private int change(String keyIdText, String operation) {
    int keyId;
    try {
      keyId = Integer.parseUnsignedInt(keyIdText);
    } catch (NumberFormatException e) {
      throw CliException.usage("--key-id must be an unsigned 32-bit number (see bulwark keyset list)");
    }
    AeadKey master = masterKey();
    Keyset keyset = KeysetFiles.load(keysetFile, master);
    try {
      keyset = operation.equals("disable") ? keyset.disable(keyId) : keyset.destroy(keyId);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    KeysetFiles.save(keysetFile, keyset, master, false);
    return 0;
  }
}
