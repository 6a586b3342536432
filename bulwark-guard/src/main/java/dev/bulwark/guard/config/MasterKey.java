package dev.bulwark.guard.config;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.guard.secrets.MissingSecretsException;
import dev.bulwark.guard.secrets.Secret;
import dev.bulwark.guard.secrets.Secrets;
import dev.bulwark.guard.secrets.SecretsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The master key (key-encryption key) that seals a keyset at rest: 32 random bytes in base64
 * (standard or URL-safe, padding optional), from the {@value #ENVIRONMENT_VARIABLE} secret or from a
 * key file. Shared by the encrypted configuration store and the {@code bulwark keyset} command.
 *
 * {@snippet :
 * AeadKey master = MasterKey.fromSecrets(Secrets.chain(SecretSource.environment()));
 * EncryptedConfig config = EncryptedConfig.open(Path.of("app.config"), master);
 * }
 *
 * <p>Rejects, with {@link ConfigException.Reason#INVALID_MASTER_KEY}: a missing secret, a key file
 * over {@link #MAX_KEY_FILE_BYTES}, text that is not base64, and any length other than 32 bytes. The
 * message never contains the key text. Stateless and thread-safe.
 */
public final class MasterKey {
  /** The secret name the master key is read from. */
  public static final String ENVIRONMENT_VARIABLE = "BULWARK_MASTER_KEY";

  /** Largest key file read, in bytes: a key is 44 characters, with room for a comment-free newline. */
  public static final int MAX_KEY_FILE_BYTES = 1024;

  private static final int KEY_BYTES = 32;

  private MasterKey() {}

  /**
   * The master key from the {@value #ENVIRONMENT_VARIABLE} secret of {@code secrets}.
   *
   * @throws ConfigException if the secret is missing or not 32 bytes of base64
   */
  public static AeadKey fromSecrets(Secrets secrets) throws ConfigException {
    Secret secret;
    try {
      secret = secrets.require(ENVIRONMENT_VARIABLE);
    } catch (MissingSecretsException e) {
      throw new ConfigException(ConfigException.Reason.INVALID_MASTER_KEY, "no master key: set "
          + ENVIRONMENT_VARIABLE + " (32 random bytes in base64; make one with: bulwark token urlsafe)", e);
    } catch (SecretsException e) {
      throw new ConfigException(ConfigException.Reason.INVALID_MASTER_KEY, "cannot read the master key: " + e.getMessage(), e);
    }
    try {
      return parse(secret, ENVIRONMENT_VARIABLE);
    } finally {
      secret.destroy();
    }
  }

  /**
   * The master key from a file holding it in base64.
   *
   * @throws ConfigException if the file cannot be read, is too large, or does not hold 32 bytes of base64
   */
  public static AeadKey fromFile(Path keyFile) throws ConfigException {
    Objects.requireNonNull(keyFile, "keyFile");
    byte[] content;
    try (InputStream in = Files.newInputStream(keyFile)) {
      content = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new ConfigException(ConfigException.Reason.INVALID_MASTER_KEY,
          "cannot read the master key file: " + e.getClass().getSimpleName(), e);
    }
    try {
      if (content.length > MAX_KEY_FILE_BYTES) {
        throw new ConfigException(ConfigException.Reason.INVALID_MASTER_KEY, "the master key file is too large to be a key");
      }
      Secret secret = Secret.ofBytes(content);
      try {
        return parse(secret, "the master key file");
      } finally {
        secret.destroy();
      }
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Decodes a master key from its base64 text.
   *
   * @param source where the text came from, for the error message
   * @throws ConfigException if it is not 32 bytes of base64
   */
  public static AeadKey parse(Secret text, String source) throws ConfigException {
    byte[] raw = decode(text);
    try {
      if (raw.length != KEY_BYTES) {
        throw new ConfigException(ConfigException.Reason.INVALID_MASTER_KEY,
            "the master key from " + source + " must be 32 bytes in base64");
      }
      return AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] decode(Secret text) {
    byte[] ascii = text.insecureBytes();
    try {
      int start = 0;
      int end = ascii.length;
      while (start < end && isSpace(ascii[start])) {
        start++;
      }
      while (end > start && isSpace(ascii[end - 1])) {
        end--;
      }
      byte[] trimmed = Arrays.copyOfRange(ascii, start, end);
      try {
        boolean urlSafe = false;
        for (byte b : trimmed) {
          urlSafe |= b == '-' || b == '_';
        }
        return urlSafe ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
      } catch (IllegalArgumentException e) {
        return new byte[0];
      } finally {
        Arrays.fill(trimmed, (byte) 0);
      }
    } finally {
      Arrays.fill(ascii, (byte) 0);
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
