package dev.bulwark.crypto.tokens;

import java.math.BigInteger;

/**
 * Fixed-width base62 ({@code 0-9A-Za-z}) for byte strings: the same input length always gives the
 * same output length, so encoded tokens have a fixed, recognisable shape.
 */
final class Base62 {
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

  private Base62() {}

  /** The smallest width w with 62^w >= 256^byteCount. */
  static int width(int byteCount) {
    BigInteger limit = BigInteger.ONE.shiftLeft(8 * byteCount);
    int width = 0;
    BigInteger capacity = BigInteger.ONE;
    while (capacity.compareTo(limit) < 0) {
      capacity = capacity.multiply(SIXTY_TWO);
      width++;
    }
    return width;
  }

  /** Encodes {@code bytes} (big-endian unsigned) in exactly {@link #width}(bytes.length) characters. */
  static String encode(byte[] bytes) {
    return encode(bytes, width(bytes.length));
  }

  static String encode(byte[] bytes, int width) {
    // Long division of the big-endian number by 62, one output digit per pass; the work copy is
    // zeroed afterwards because the input is usually secret.
    byte[] number = bytes.clone();
    char[] out = new char[width];
    try {
      for (int position = width - 1; position >= 0; position--) {
        int remainder = 0;
        for (int i = 0; i < number.length; i++) {
          int accumulator = (remainder << 8) | (number[i] & 0xff);
          number[i] = (byte) (accumulator / 62);
          remainder = accumulator % 62;
        }
        out[position] = ALPHABET.charAt(remainder);
      }
      return new String(out);
    } finally {
      java.util.Arrays.fill(number, (byte) 0);
      java.util.Arrays.fill(out, '\0');
    }
  }

  /** Encodes an unsigned 32-bit value in exactly six characters (62^6 > 2^32). */
  static String encodeUnsignedInt(long value) {
    char[] out = new char[6];
    long rest = value;
    for (int position = 5; position >= 0; position--) {
      out[position] = ALPHABET.charAt((int) (rest % 62));
      rest /= 62;
    }
    return new String(out);
  }

  static boolean isAlphabet(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
