package dev.bulwark.guard.validation;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-mail rule behind {@link EmailAddress}. Thread-safe: stateless.
 */
public final class EmailAddresses {
  /** RFC 5321 §4.5.3.1.3: a 256-octet path minus the angle brackets. */
  public static final int MAX_CHARS = 254;

  /** RFC 5321 §4.5.3.1.1. */
  public static final int MAX_LOCAL_PART_CHARS = 64;

  // RFC 5322 §3.2.3 atext (besides letters and digits).
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

  private EmailAddresses() {}

  /**
   * The canonical form of {@code raw}: the local part as given, the domain in lower-case ASCII
   * (IDNA {@code xn--} labels), or empty if it is not a valid address.
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_CHARS) {
      return Optional.empty();
    }
    int at = raw.lastIndexOf('@');
    if (at <= 0 || at == raw.length() - 1 || raw.indexOf('@') != at) {
      return Optional.empty();
    }
    String local = raw.substring(0, at);
    if (local.length() > MAX_LOCAL_PART_CHARS || !isDotAtom(local)) {
      return Optional.empty();
    }
    return asciiDomain(raw.substring(at + 1))
        .map(domain -> local + "@" + domain)
        .filter(address -> address.length() <= MAX_CHARS);
  }

  /** RFC 5322 §3.2.3 dot-atom: atext runs joined by single dots, none at either end. */
  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && c != '.' && ATEXT_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> asciiDomain(String domain) {
    String ascii;
    try {
      // STD3 rules: letters, digits and hyphens only, so no '[', ':' or '%' literals get through.
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.isEmpty() || ascii.length() > 253 || ascii.endsWith(".")) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || NUMERIC.matcher(labels[labels.length - 1]).matches()) {
      // One label is a local host; an all-numeric last label is an IP address, not a domain.
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(ascii);
  }
}
