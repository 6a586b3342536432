package dev.bulwark.auth.password.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * The one way a password becomes bytes: Unicode NFKC, then UTF-8 (RFC 8265's OpaqueString profile
 * normalises the same way). Without it, "é" typed as one code point or as "e" + combining accent
 * would be two passwords, and a hasher that encodes to Latin-1 loses every other script (password4j
 * issue #126).
 *
 * <p>Every array returned here is a fresh copy the caller wipes with {@link #wipe}. What cannot be
 * wiped: when the password is not already in NFKC, the JDK's {@link Normalizer} returns a {@link
 * String}, which stays in memory until collected.
 */
public final class PasswordBytes {
  private PasswordBytes() {}

  /** NFKC of {@code password}, as a new array. */
  public static char[] normalize(char[] password) {
    CharBuffer chars = CharBuffer.wrap(password);
    if (Normalizer.isNormalized(chars, Normalizer.Form.NFKC)) {
      return password.clone();
    }
    return Normalizer.normalize(chars, Normalizer.Form.NFKC).toCharArray();
  }

  /**
   * Strict UTF-8 of {@code chars}, as a new array.
   *
   * @throws CharacterCodingException if {@code chars} holds an unpaired surrogate
   */
  public static byte[] utf8(char[] chars) throws CharacterCodingException {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded = encoder.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return out;
  }

  /** NFKC then UTF-8; the intermediate characters are wiped. */
  public static byte[] encode(char[] password) throws CharacterCodingException {
    char[] normalized = normalize(password);
    try {
      return utf8(normalized);
    } finally {
      wipe(normalized);
    }
  }

  /** Overwrites {@code bytes} with zeros; null is ignored. */
  public static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Overwrites {@code chars} with zeros; null is ignored. */
  public static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
