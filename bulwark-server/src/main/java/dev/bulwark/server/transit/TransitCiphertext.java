package dev.bulwark.server.transit;

import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transit ciphertext as clients hold it: {@code bulwark:v<N>:<base64url, unpadded>}, where N is
 * the key version (decimal, no leading zero) and the payload is the AEAD or X-Wing ciphertext.
 *
 * <p>Parsing is strict: another prefix, a version of 0 or with leading zeros or over 9 digits,
 * padding, a character outside the base64url alphabet, a non-canonical encoding (unused bits of the
 * last character set), or more than {@link #MAX_CHARS} characters is a 400 with a generic message (nothing of the input is echoed). The version is only a hint for
 * which key to try: the payload still has to authenticate under that version's key.
 *
 * @param version the key version
 * @param payload the raw ciphertext bytes
 */
public record TransitCiphertext(int version, byte[] payload) {
  /** Longest ciphertext text accepted. */
  public static final int MAX_CHARS = 200_000;

  private static final Pattern SHAPE = Pattern.compile("bulwark:v([1-9][0-9]{0,8}):([A-Za-z0-9_-]+)");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  public TransitCiphertext {
    Objects.requireNonNull(payload, "payload");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1");
    }
    payload = payload.clone();
  }

  /** A copy of the raw ciphertext. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Parses the text form.
   *
   * @throws PublicError 400 if it is not exactly the documented shape
   */
  public static TransitCiphertext parse(String text) throws PublicError {
    if (text == null || text.length() > MAX_CHARS) {
      throw malformed();
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw malformed();
    }
    byte[] payload;
    try {
      payload = B64D.decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    // The JDK decoder ignores the unused low bits of the last character, so several texts decode
    // to one payload; only the canonical one is accepted, so each ciphertext has exactly one text.
    if (!B64.encodeToString(payload).equals(m.group(2))) {
      throw malformed();
    }
    return new TransitCiphertext(Integer.parseInt(m.group(1)), payload);
  }

  /** The text form. */
  public String format() {
    return "bulwark:v" + version + ":" + B64.encodeToString(payload);
  }

  private static PublicError malformed() {
    return PublicError.of(ErrorKind.BAD_REQUEST, "The ciphertext is malformed.", "malformed transit ciphertext");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransitCiphertext other && other.version == version && Arrays.equals(other.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "TransitCiphertext[v" + version + ", " + payload.length + " bytes]";
  }
}
