package dev.bulwark.crypto.fernet;

import dev.bulwark.crypto.internal.SecretMaterial;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A Fernet key: 128-bit signing key ‖ 128-bit encryption key, written as 44 characters of URL-safe
 * base64 with padding (the Fernet spec's key format, the same text PyCA {@code Fernet.generate_key()}
 * prints).
 *
 * {@snippet :
 * FernetKey key = FernetKey.generate();
 * storeSealed(key.insecureExportBase64());           // the only way out, and greppable
 * FernetKey again = FernetKey.parse(textFromSecretStore);
 * }
 *
 * <p>Key bytes never appear in {@link #toString()}; {@link #destroy()} zeroes them, after which
 * every use throws {@link IllegalStateException}. Thread-safe.
 */
public final class FernetKey implements Destroyable {
  /** Raw key size in bytes (signing half then encryption half). */
  public static final int KEY_BYTES = 32;

  /** Length of the text form: 32 bytes in padded base64. */
  public static final int ENCODED_LENGTH = 44;

  private static final int HALF = 16;
  private final SecretMaterial material;

  private FernetKey(byte[] material) {
    this.material = SecretMaterial.adopt(material, "Fernet key");
  }

  /** A new random key from a fresh {@link SecureRandom} (the platform's strong default). */
  public static FernetKey generate() {
    return generate(new SecureRandom());
  }

  /**
   * A new random key from {@code random}.
   *
   * @throws NullPointerException if {@code random} is null
   */
  public static FernetKey generate(SecureRandom random) {
    byte[] material = new byte[KEY_BYTES];
    Objects.requireNonNull(random, "random").nextBytes(material);
    return new FernetKey(material);
  }

  /**
   * Parses the 44-character text form. Only the canonical encoding is accepted: URL-safe alphabet,
   * one {@code =} of padding, and zero unused bits, so one key has exactly one spelling.
   *
   * @throws CryptoException if {@code encoded} is not exactly that (the message never repeats the
   *     input)
   */
  public static FernetKey parse(CharSequence encoded) throws CryptoException {
    if (encoded == null || encoded.length() != ENCODED_LENGTH) {
      throw new CryptoException(
          "a Fernet key is " + ENCODED_LENGTH + " characters of URL-safe base64 (32 bytes)");
    }
    byte[] ascii = new byte[ENCODED_LENGTH];
    for (int i = 0; i < ENCODED_LENGTH; i++) {
      char c = encoded.charAt(i);
      if (c > 0x7f) {
        throw malformedKey();
      }
      ascii[i] = (byte) c;
    }
    try {
      byte[] material = FernetCodec.decodeCanonical(ascii);
      if (material.length != KEY_BYTES) {
        throw malformedKey();
      }
      return new FernetKey(material);
    } catch (CryptoException notBase64) {
      throw malformedKey();
    } finally {
      Arrays.fill(ascii, (byte) 0);
    }
  }

  /**
   * Rebuilds a key from its 32 raw bytes (signing key first); the caller's array is copied.
   *
   * @throws IllegalArgumentException unless exactly 32 bytes are given
   */
  public static FernetKey insecureFromBytes(byte[] material) {
    if (material == null || material.length != KEY_BYTES) {
      throw new IllegalArgumentException("a Fernet key is exactly " + KEY_BYTES + " bytes");
    }
    return new FernetKey(material.clone());
  }

  /** The 44-character text form, for sealed storage or a key file with tight permissions only. */
  public String insecureExportBase64() {
    byte[] raw = material.copy();
    try {
      return new String(Base64.getUrlEncoder().encode(raw), StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  SecretKeySpec signingKey() {
    return material.keySpec(0, HALF, "HmacSHA256");
  }

  SecretKeySpec encryptionKey() {
    return material.keySpec(HALF, HALF, "AES");
  }


  private static CryptoException malformedKey() {
    return new CryptoException("a Fernet key must be 32 bytes of canonical URL-safe base64 with padding");
  }

  /**
   * Zeroes the key bytes. Warning: AES and HMAC objects that used the key keep their own expanded
   * copy until they are next initialised (see {@link Fernet}).
   */
  @Override
  public void destroy() {
    material.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return material.isDestroyed();
  }

  @Override
  public String toString() {
    return "FernetKey[redacted]";
  }
}
