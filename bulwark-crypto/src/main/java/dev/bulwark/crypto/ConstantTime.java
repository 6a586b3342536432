package dev.bulwark.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Comparison of secrets (MACs, tokens, digests of passwords) in time that does not depend on where
 * the inputs first differ, so a remote attacker cannot find a valid value byte by byte.
 *
 * <p>The length of the inputs is not hidden: compare values of a fixed, public length (a MAC tag, a
 * digest), or compare digests of the values when their length is itself secret.
 *
 * {@snippet :
 * if (!ConstantTime.equals(expectedTag, presentedTag)) {
 *   throw new CryptoException("authentication failed");
 * }
 * }
 *
 * <p>Thread-safe: stateless.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * @return true only if both arrays have the same length and content; false if either is null
   */
  public static boolean equals(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return false;
    }
    // The JDK's MessageDigest.isEqual is specified to be time-constant since JDK 6u17 (CVE-2009-3875).
    return MessageDigest.isEqual(a, b);
  }

  /**
   * Compares the UTF-8 encodings of two strings in constant time.
   *
   * @return true only if both are non-null and equal
   */
  public static boolean equals(CharSequence a, CharSequence b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.toString().getBytes(StandardCharsets.UTF_8), b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
