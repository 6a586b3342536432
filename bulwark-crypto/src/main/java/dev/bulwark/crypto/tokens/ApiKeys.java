package dev.bulwark.crypto.tokens;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Bulwark API keys: {@code bwk_} + 32 random bytes in fixed-width base62 (43 characters) + a
 * 6-character base62 checksum, 53 characters in all (DESIGN.md §3).
 *
 * <p>The checksum is the CRC-32 of the ASCII text {@code bwk_<body>}. It is not a security measure
 * (the 256 random bits are): it lets secret scanners recognise a real key with no lookup and no
 * false positives, and lets a server reject a mistyped key before touching its database. Because
 * CRC-32 detects every error confined to 32 consecutive bits, and each character is one byte of the
 * checked text, every single-character substitution in the key is caught (tested exhaustively on a
 * sample of keys).
 *
 * {@snippet :
 * ApiKey key = ApiKeys.generate();
 * showOnce(key.insecureValue());          // the only time the key is shown
 * store(key.storageDigest());              // SHA-256 only, never the key
 * }
 *
 * <p>Thread-safe: stateless.
 */
public final class ApiKeys {
  /** The prefix that marks a Bulwark API key. */
  public static final String PREFIX = "bwk_";

  static final int RANDOM_BYTES = 32;
  static final int BODY_LENGTH = Base62.width(RANDOM_BYTES);
  static final int CHECKSUM_LENGTH = 6;

  /** The length of every well-formed key: 4 + 43 + 6. */
  public static final int LENGTH = PREFIX.length() + BODY_LENGTH + CHECKSUM_LENGTH;

  private ApiKeys() {}

  /** A new key from the system DRBG. */
  public static ApiKey generate() {
    return generate(SecureTokens.system());
  }

  /** A new key from the given token source (tests). */
  public static ApiKey generate(SecureTokens tokens) {
    String prefixAndBody = PREFIX + tokens.base62(RANDOM_BYTES);
    return new ApiKey(prefixAndBody + checksum(prefixAndBody));
  }

  /**
   * Whether {@code candidate} has the exact shape of a Bulwark API key with a valid checksum. Says
   * nothing of whether the key was ever issued.
   */
  public static boolean isWellFormed(CharSequence candidate) {
    if (candidate == null || candidate.length() != LENGTH) {
      return false;
    }
    String text = candidate.toString();
    if (!text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (!Base62.isAlphabet(text.charAt(i))) {
        return false;
      }
    }
    int checksumStart = LENGTH - CHECKSUM_LENGTH;
    return checksum(text.substring(0, checksumStart)).equals(text.substring(checksumStart));
  }

  /**
   * Reads a presented key.
   *
   * @throws CryptoException if it is not well formed (the message never repeats the input)
   */
  public static ApiKey parse(CharSequence presented) throws CryptoException {
    Objects.requireNonNull(presented, "presented");
    if (!isWellFormed(presented)) {
      throw new CryptoException("not a well-formed Bulwark API key");
    }
    return new ApiKey(presented.toString());
  }

  static String checksum(String prefixAndBody) {
    CRC32 crc = new CRC32();
    crc.update(prefixAndBody.getBytes(StandardCharsets.US_ASCII));
    return Base62.encodeUnsignedInt(crc.getValue());
  }
}
