package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.Keyset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The keyset commands' file handling: the master key (key-encryption key) from {@code
 * BULWARK_MASTER_KEY} or a file, loading and atomically replacing sealed keyset files.
 */
final class KeysetFiles {
  static final String MASTER_KEY_ENV = "BULWARK_MASTER_KEY";
  private static final int MAX_KEYSET_FILE_BYTES = 256 * 1024;
  private static final int MAX_MASTER_KEY_FILE_BYTES = 1024;

  private KeysetFiles() {}

  /**
   * The master key: from {@code masterKeyFile} if given, else from the environment.
   *
   * @throws CliException (usage) if neither is set or the value is not 32 bytes of base64
   */
  static AeadKey masterKey(Path masterKeyFile, Map<String, String> environment) {
    String encoded;
    String source;
    if (masterKeyFile != null) {
      source = "--master-key-file";
      try {
        if (Files.size(masterKeyFile) > MAX_MASTER_KEY_FILE_BYTES) {
          throw CliException.usage("the master key file is too large to be a key");
        }
        encoded = Files.readString(masterKeyFile, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw CliException.usage("cannot read the master key file: " + e.getClass().getSimpleName());
      }
    } else {
      source = MASTER_KEY_ENV;
      encoded = environment.get(MASTER_KEY_ENV);
      if (encoded == null || encoded.isBlank()) {
        throw CliException.usage("no master key: set " + MASTER_KEY_ENV
            + " or pass --master-key-file (32 random bytes in base64; make one with: bulwark token urlsafe)");
      }
    }
    byte[] raw = decodeBase64(encoded.strip());
    try {
      if (raw.length != 32) {
        throw CliException.usage("the master key from " + source + " must be 32 bytes in base64");
      }
      return AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] decodeBase64(String text) {
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return new byte[0];
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
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes through a temporary file in the target's directory (owner-only permissions where the file
   * system has them) and moves it into place atomically, so a failure never leaves a partial file.
   *
   * @throws IOException from the writer, after deleting the temporary file
   */
  static void writeAtomicallyOrThrow(Path file, Writer writer, boolean replace) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    if (directory == null) {
      throw new IOException("the output path has no directory");
    }
    Path temp = createTemp(directory);
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.writeTo(out);
      }
      try {
        if (replace) {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace files atomically", e);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
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

  private static Path createTemp(Path directory) throws IOException {
    try {
      return Files.createTempFile(directory, ".bulwark-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(directory, ".bulwark-", ".tmp");
    }
  }
}
