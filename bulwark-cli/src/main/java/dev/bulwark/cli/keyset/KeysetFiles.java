package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.guard.config.AtomicFiles;
import dev.bulwark.guard.config.ConfigException;
import dev.bulwark.guard.config.MasterKey;
import dev.bulwark.guard.secrets.SecretSource;
import dev.bulwark.guard.secrets.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The keyset commands' file handling: the master key (key-encryption key) from {@code
 * BULWARK_MASTER_KEY} or a file, loading and atomically replacing sealed keyset files.
 */
public final class KeysetFiles {
  static final String MASTER_KEY_ENV = MasterKey.ENVIRONMENT_VARIABLE;
  private static final int MAX_KEYSET_FILE_BYTES = 256 * 1024;

  private KeysetFiles() {}

  /**
   * The master key: from {@code masterKeyFile} if given, else from {@code BULWARK_MASTER_KEY} in
   * {@code environment}, read and checked by the library's {@link MasterKey} (shared with {@code
   * bulwark config}).
   *
   * @throws CliException (usage) if neither is set or the value is not 32 bytes of base64
   */
  public static AeadKey masterKey(Path masterKeyFile, Map<String, String> environment) {
    try {
      return masterKeyFile != null
          ? MasterKey.fromFile(masterKeyFile)
          : MasterKey.fromSecrets(Secrets.chain(SecretSource.environment(environment)));
    } catch (ConfigException e) {
      boolean missing = masterKeyFile == null && !environment.containsKey(MASTER_KEY_ENV);
      throw CliException.usage(missing ? e.getMessage() + "; or pass --master-key-file FILE" : e.getMessage());
    }
  }

  static Keyset load(Path file, AeadKey masterKey) {
    String text;
    try {
      if (Files.size(file) > MAX_KEYSET_FILE_BYTES) {
        throw CliException.usage("keyset file is too large");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("no keyset file at " + file + " (create one with: bulwark keyset new)");
    } catch (IOException e) {
      throw CliException.usage("cannot read the keyset file: " + e.getClass().getSimpleName());
    }
    try {
      return Keyset.open(text, masterKey);
    } catch (CryptoException e) {
      throw CliException.usage("cannot open the keyset (wrong master key, or the file was modified): " + e.getMessage());
    }
  }

  /** Writes the sealed keyset to a temporary file beside {@code file}, then moves it into place. */
  static void save(Path file, Keyset keyset, AeadKey masterKey, boolean mustNotExist) {
    String sealed;
    try {
      sealed = keyset.seal(masterKey);
    } catch (CryptoException e) {
      throw CliException.usage("cannot seal the keyset: " + e.getMessage());
    }
    if (mustNotExist && Files.exists(file)) {
      throw CliException.usage("refusing to overwrite the existing keyset " + file);
    }
    writeAtomically(file, out -> out.write(sealed.getBytes(StandardCharsets.UTF_8)), !mustNotExist);
  }

  /** What to write into the temporary file. */
  @FunctionalInterface
  interface Writer extends AtomicFiles.Content {}

  /**
   * Writes through a temporary file in the target's directory (owner-only permissions where the file
   * system has them), forced to disk and moved into place atomically ({@link AtomicFiles}), so a
   * failure never leaves a partial file.
   *
   * @throws IOException from the writer, after deleting the temporary file
   */
  static void writeAtomicallyOrThrow(Path file, Writer writer, boolean replace) throws IOException {
    AtomicFiles.write(file, writer, replace);
  }

  private static void writeAtomically(Path file, Writer writer, boolean replace) {
    try {
      writeAtomicallyOrThrow(file, writer, replace);
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage("refusing to overwrite " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
