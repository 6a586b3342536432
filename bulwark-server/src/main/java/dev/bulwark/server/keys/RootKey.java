package dev.bulwark.server.keys;

import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server's root key: 32 bytes from which nothing is derived but under which every other key the
 * server keeps (the JWT signing key, the capability modules' keys) is sealed with AES-256-GCM. Whoever
 * holds the database but not this key holds only ciphertext.
 *
 * <p>Where it comes from, first match wins: {@code BULWARK_ROOT_KEY} (base64 of 32 bytes, standard or URL-safe),
 * the {@code root_key_file} setting (a file holding that base64), else {@code DATA/root.key}, created
 * on first start with POSIX mode 0600 and a loud warning that production should not keep the key
 * next to the data it protects.
 *
 * <p>What it refuses: a key that is not exactly 32 bytes of base64; a key file that the group or
 * others may read or write (another local user could copy it); a key file that is a symbolic link.
 *
 * {@snippet :
 * RootKey root = RootKey.load(Optional.empty(), Path.of("data"), System.getenv(), System.err::println);
 * byte[] sealed = root.aead().encrypt(keyBytes, "transit key k1".getBytes(UTF_8));
 * }
 *
 * <p>Thread-safe. {@link #close()} destroys the key material.
 */
public final class RootKey implements AutoCloseable {
  /** The environment variable holding the base64 root key. */
  public static final String ENVIRONMENT_VARIABLE = "BULWARK_ROOT_KEY";

  /** The file name under the data directory. */
  public static final String DEFAULT_FILE_NAME = "root.key";

  private static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final AeadKey key;
  private final Aead aead;
  private final String source;

  private RootKey(byte[] material, String source) {
    try {
      this.key = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    this.aead = key.aead();
    this.source = source;
  }

  /**
   * Loads the root key, generating it on first start when no source is configured.
   *
   * @param configuredFile the {@code root_key_file} setting
   * @param dataDir the data directory (for {@code root.key})
   * @param environment the process environment
   * @param warn where the first-start warning goes (the console)
   * @throws RootKeyException if a source is malformed, unreadable or too open
   */
  public static RootKey load(Optional<Path> configuredFile, Path dataDir, Map<String, String> environment,
      Consumer<String> warn) {
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new RootKey(decode(fromEnvironment, ENVIRONMENT_VARIABLE), "environment");
    }
    if (configuredFile.isPresent()) {
      return new RootKey(readFile(configuredFile.get(), "root_key_file"), "root_key_file");
    }
    Path file = dataDir.resolve(DEFAULT_FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      create(file);
      warn.accept("WARNING: generated a new root key in " + file + " (mode 0600).");
      warn.accept("WARNING: it seals every other key of this server; it sits next to the data it protects.");
      warn.accept("WARNING: in production pass it in BULWARK_ROOT_KEY or a secrets file (root_key_file), and back it up:");
      warn.accept("WARNING: without it the stored keys and secrets cannot be opened.");
    }
    return new RootKey(readFile(file, "root key file " + DEFAULT_FILE_NAME), "data directory");
  }

  /** The root AEAD (AES-256-GCM): seal other keys under it, with associated data naming what they are. */
  public Aead aead() {
    return aead;
  }

  /** Where the key came from ({@code environment}, {@code root_key_file}, {@code data directory}). */
  public String source() {
    return source;
  }

  private static void create(Path file) {
    byte[] material = SecureTokens.system().bytes(KEY_BYTES);
    byte[] text = (Base64.getEncoder().encodeToString(material) + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // Created with 0600 in one step: there is no moment where another user could open it.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, text);
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first: read theirs
    } catch (IOException | UnsupportedOperationException e) {
      throw new RootKeyException("cannot create the root key file in the data directory (a POSIX file system is"
          + " required for mode 0600; or set " + ENVIRONMENT_VARIABLE + ")");
    } finally {
      Arrays.fill(material, (byte) 0);
      Arrays.fill(text, (byte) 0);
    }
  }

  private static byte[] readFile(Path file, String what) {
    try {
      if (Files.isSymbolicLink(file)) {
        throw new RootKeyException(what + " must be a regular file, not a symbolic link");
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
        throw new RootKeyException(what + " may be read by other users: run chmod 600 on it");
      }
      if (Files.size(file) > 1024) {
        throw new RootKeyException(what + " is too large to hold a base64 key");
      }
      byte[] content = Files.readAllBytes(file);
      try {
        return decode(new String(content, StandardCharsets.US_ASCII), what);
      } finally {
        Arrays.fill(content, (byte) 0);
      }
    } catch (IOException e) {
      throw new RootKeyException(what + " cannot be read");
    } catch (UnsupportedOperationException e) {
      throw new RootKeyException(what + " is on a file system without POSIX permissions");
    }
  }

  private static byte[] decode(String text, String what) {
    byte[] material;
    try {
      // Standard or URL-safe base64 (so `bulwark token urlsafe` makes a valid key), padded or not.
      material = Base64.getUrlDecoder().decode(text.strip().replace('+', '-').replace('/', '_'));
    } catch (IllegalArgumentException e) {
      throw new RootKeyException(what + " is not base64 of 32 bytes");
    }
    if (material.length != KEY_BYTES) {
      Arrays.fill(material, (byte) 0);
      throw new RootKeyException(what + " is not base64 of 32 bytes");
    }
    return material;
  }

  @Override
  public void close() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "RootKey[" + source + "]";
  }
}
