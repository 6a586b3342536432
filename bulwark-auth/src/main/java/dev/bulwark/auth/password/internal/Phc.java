package dev.bulwark.auth.password.internal;

import dev.bulwark.crypto.CryptoException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict pieces of the PHC string format (github.com/P-H-C/phc-string-format): {@code $}-separated
 * fields, {@code name=value} parameters in a fixed order, decimal numbers without sign or leading
 * zeros, and standard base64 without padding, canonical (no stray low bits). Everything is checked on
 * bounded strings; nothing is allocated in proportion to a number read from the input.
 */
public final class Phc {
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");
  private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]*");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9/+.-]{1,64}");

  private Phc() {}

  /**
   * The {@code $}-separated fields of {@code stored} after its leading {@code $}.
   *
   * @throws CryptoException if it is too long, does not start with {@code $}, has an empty field or
   *     not exactly {@code count} fields
   */
  public static String[] fields(String stored, int count) throws CryptoException {
    String[] parts = stored.substring(1).split("\\$", -1);
    if (parts.length != count) {
      throw new CryptoException("malformed password hash: expected " + count + " fields");
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new CryptoException("malformed password hash: empty field");
      }
    }
    return parts;
  }

  /**
   * Parses {@code name=value,...} whose names are exactly {@code required} in that order, followed by
   * any of {@code optional} in that order.
   *
   * @throws CryptoException on any other shape
   */
  public static Map<String, String> params(String field, List<String> required, List<String> optional)
      throws CryptoException {
    String[] pairs = field.split(",", -1);
    if (pairs.length < required.size() || pairs.length > required.size() + optional.size()) {
      throw new CryptoException("malformed password hash: wrong number of parameters");
    }
    Map<String, String> out = new LinkedHashMap<>();
    int nextOptional = 0;
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      if (eq <= 0) {
        throw new CryptoException("malformed password hash: parameter without name=value");
      }
      String name = pairs[i].substring(0, eq);
      String value = pairs[i].substring(eq + 1);
      if (!VALUE.matcher(value).matches()) {
        throw new CryptoException("malformed password hash: bad parameter value");
      }
      if (i < required.size()) {
        if (!required.get(i).equals(name)) {
          throw new CryptoException("malformed password hash: unexpected parameter order");
        }
      } else {
        int at = optional.subList(nextOptional, optional.size()).indexOf(name);
        if (at < 0) {
          throw new CryptoException("malformed password hash: unknown parameter");
        }
        nextOptional += at + 1;
      }
      out.put(name, value);
    }
    return out;
  }

  /**
   * A decimal number from {@code min} to {@code max}.
   *
   * @throws CryptoException if not a canonical decimal number in range
   */
  public static int number(String value, String name, long min, long max) throws CryptoException {
    if (value == null || !NUMBER.matcher(value).matches()) {
      throw new CryptoException("malformed password hash: " + name + " is not a decimal number");
    }
    long parsed = Long.parseLong(value);
    if (parsed < min || parsed > max) {
      throw new CryptoException("password hash out of bounds: " + name + " must be " + min + " to " + max);
    }
    return (int) parsed;
  }

  /**
   * Decodes unpadded standard base64 of {@code minBytes} to {@code maxBytes} bytes.
   *
   * @throws CryptoException if not canonical unpadded base64 of that length
   */
  public static byte[] base64(String value, int minBytes, int maxBytes, String what) throws CryptoException {
    if (value.length() > (maxBytes * 4 + 2) / 3 || value.length() % 4 == 1 || !B64.matcher(value).matches()) {
      throw new CryptoException("malformed password hash: bad " + what + " encoding or length");
    }
    byte[] decoded = Base64.getDecoder().decode(value);
    if (decoded.length < minBytes || decoded.length > maxBytes || !encode(decoded).equals(value)) {
      throw new CryptoException("malformed password hash: bad " + what + " encoding or length");
    }
    return decoded;
  }

  /** Unpadded standard base64. */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
