package dev.bulwark.audit;

/**
 * ASCII-only case folding. The rules compare against ASCII keywords; folding only A-Z keeps a
 * non-ASCII character from ever turning into an ASCII one (the Turkish dotless i, the Kelvin sign),
 * which full Unicode case mapping can do.
 */
final class Ascii {
  private Ascii() {}

  static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  static String upper(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'a' && chars[i] <= 'z') {
        chars[i] = (char) (chars[i] - ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
