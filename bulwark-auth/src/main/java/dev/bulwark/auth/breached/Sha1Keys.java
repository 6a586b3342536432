package dev.bulwark.auth.breached;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The lookup key of a password in breach corpora: SHA-1 of its UTF-8 bytes, because that is how Have
 * I Been Pwned publishes its corpus and range API. SHA-1 here is an index into a public list, not a
 * protection of the password: nothing relies on its collision resistance.
 */
final class Sha1Keys {
  static final int SHA1_BYTES = 20;
  private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

  private Sha1Keys() {}

  /** SHA-1 of the UTF-8 encoding; an unpaired surrogate is encoded as '?' like String.getBytes. */
  static byte[] sha1(CharSequence password) {
    ByteBuffer utf8;
    try {
      utf8 =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoding with REPLACE cannot fail", e);
    }
    try {
      // bulwark:ignore BWK-JAVA-008 SHA-1 is the public lookup key of the HIBP corpus, not password storage
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(utf8.duplicate());
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-1", e);
    } finally {
      if (utf8.hasArray()) {
        Arrays.fill(utf8.array(), (byte) 0);
      }
    }
  }

  /** Upper-case hex, as the range API spells hashes. */
  static String hexUpper(byte[] sha1) {
    return HEX_UPPER.formatHex(sha1);
  }
}
