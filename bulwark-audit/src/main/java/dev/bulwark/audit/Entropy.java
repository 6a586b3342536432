package dev.bulwark.audit;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of a string's characters, in bits per character. */
final class Entropy {
  private Entropy() {}

  static double bitsPerChar(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    Map<Character, Integer> counts = new HashMap<>();
    for (int i = 0; i < text.length(); i++) {
      counts.merge(text.charAt(i), 1, Integer::sum);
    }
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / text.length();
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }

  /** How many of lower case, upper case and digits occur. */
  static int characterClasses(String text) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
  }
}
