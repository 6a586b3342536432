package dev.bulwark.guard.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a structured log field's name means a secret. The name is split into words at
 * {@code _ - .}, spaces and camel-case boundaries, case-insensitively: {@code X-Api-Key}, {@code
 * api_key}, {@code apiKey} and {@code APIKEY} are one name.
 *
 * <p>A name is secret when its joined words contain a long secret word (password, passwd,
 * passphrase, secret, token, apikey, authorization, cookie, privatekey, creditcard, cardnumber,
 * accesskey, credential) or one of its words is a short secret word (pwd, pass, ssn, cvv, cvc, pin,
 * pan, otp, auth, jwt, bearer, session). Short words must match whole, so {@code className} is not an
 * SSN. Over-masking is the intended failure mode.
 *
 * <p>Thread-safe: stateless.
 */
public final class SecretFieldNames {
  private static final List<String> LONG_WORDS =
      List.of("password", "passwd", "passphrase", "secret", "token", "apikey", "authorization", "cookie",
          "privatekey", "creditcard", "cardnumber", "accesskey", "credential");
  private static final Set<String> SHORT_WORDS =
      Set.of("pwd", "pass", "ssn", "cvv", "cvc", "cvv2", "pin", "pan", "otp", "auth", "jwt", "bearer", "session");

  private SecretFieldNames() {}

  /** Whether a field called {@code name} must never be logged as is. */
  public static boolean isSecret(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    List<String> words = words(name);
    String joined = String.join("", words);
    for (String word : LONG_WORDS) {
      if (joined.contains(word)) {
        return true;
      }
    }
    for (String word : words) {
      if (SHORT_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, current);
        continue;
      }
      boolean lowerToUpper =
          i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
      if (lowerToUpper) {
        flush(words, current);
      }
      current.append(Character.toLowerCase(c));
    }
    flush(words, current);
    return words;
  }

  private static void flush(List<String> words, StringBuilder current) {
    if (!current.isEmpty()) {
      words.add(current.toString().toLowerCase(Locale.ROOT));
      current.setLength(0);
    }
  }
}
