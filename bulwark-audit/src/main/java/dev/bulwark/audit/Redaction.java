package dev.bulwark.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How secrets appear in reports: the first four characters (enough to tell a {@code ghp_} from an
 * {@code AKIA} at a glance) and the first 8 hex digits of the value's SHA-256 (enough to see that
 * two findings are the same secret, far too little to recover or confirm a guess of a real one
 * cheaply: the rest of the value carries its full entropy).
 */
final class Redaction {
  private static final int SHOWN = 4;

  private Redaction() {}

  /** {@code ghp_…#1a2b3c4d}. */
  static String secret(String value) {
    String shown = value.length() <= SHOWN ? "" : value.substring(0, SHOWN);
    return shown + "…#" + sha256Hex(value).substring(0, 8);
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
