package dev.bulwark.audit;

import java.util.List;

/**
 * Values that look like a secret's slot rather than a secret: template references ({@code ${VAR}},
 * {@code {{ var }}}, {@code <your-key>}, {@code %(name)s}, {@code $VAR}), obvious stand-ins
 * ({@code changeme}, {@code xxx}, {@code example}, {@code ***}), one repeated character, and the
 * words that mark test fixtures ({@code test}, {@code fake}, {@code dummy}, {@code mock}).
 */
final class Placeholders {
  private static final List<String> WORDS =
      List.of(
          "changeme", "change_me", "change-me", "xxx", "example", "placeholder", "dummy", "sample",
          "your", "redacted", "***", "...", "test", "fake", "mock", "fixture", "todo", "fixme",
          "replace", "insert", "secret_here", "notasecret", "not-a-secret", "not_a_secret");

  private Placeholders() {}

  static boolean isPlaceholder(String value) {
    if (value.isEmpty() || isTemplate(value)) {
      return true;
    }
    String lower = Ascii.lower(value);
    for (String word : WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    if (lower.equals("password") || lower.equals("secret") || lower.equals("token") || lower.equals("null") || lower.equals("none")) {
      return true;
    }
    return value.chars().distinct().count() == 1;
  }

  /** ${VAR}, {{ var }}, <your-key>, %(name)s, $VAR, %VAR%, @@NAME@@. */
  private static boolean isTemplate(String value) {
    int open = value.indexOf('<');
    int percentParen = value.indexOf("%(");
    int at = value.indexOf("@@");
    return value.contains("${")
        || value.contains("{{") && value.indexOf("}}") > value.indexOf("{{")
        || open >= 0 && value.indexOf('>', open) > open
        || percentParen >= 0 && value.indexOf(")s", percentParen) > percentParen
        || value.length() > 1 && value.charAt(0) == '$' && isIdentifier(value.substring(1))
        || value.length() > 2 && value.charAt(0) == '%' && value.endsWith("%") && isIdentifier(value.substring(1, value.length() - 1))
        || at >= 0 && value.indexOf("@@", at + 2) > at + 2;
  }

  private static boolean isIdentifier(String text) {
    if (text.isEmpty() || Character.isDigit(text.charAt(0))) {
      return false;
    }
    return text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'));
  }
}
