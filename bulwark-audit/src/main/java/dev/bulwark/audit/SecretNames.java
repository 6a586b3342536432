package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether an identifier means a secret: it is split into words at {@code _ . -} and camel-case
 * boundaries, and one word must be or end with a secret word (secret, password, passwd, pwd,
 * passphrase, token, credential, apikey, privatekey, accesskey) or be exactly key, pass or auth,
 * while the last word must not describe something about the secret (id, name, url, path, file,
 * length, type, header, ...): {@code tokenUrl} and {@code keyId} are not secrets.
 */
final class SecretNames {
  private static final Pattern SECRET_WORD =
      Pattern.compile("[a-z0-9]*(secret|passw(or)?d|passphrase|pwd|token|credential|apikey|privatekey|accesskey|secretkey|authkey)s?|keys?|pass|auth");
  private static final Pattern PASSWORD_WORD = Pattern.compile("[a-z0-9]*(passw(or)?d|passphrase|pwd)s?|pass");
  private static final Set<String> DESCRIPTIVE =
      Set.of(
          "id", "ids", "name", "names", "type", "types", "url", "uri", "path", "file", "files", "dir",
          "length", "len", "size", "count", "header", "field", "endpoint", "prefix", "suffix",
          "format", "alg", "algorithm", "pattern", "regex", "ttl", "expiry", "expires", "timeout",
          "label", "hint", "policy", "version", "mode", "class", "env", "var", "kind", "usage",
          "source", "location", "param", "parameter", "min", "max", "enabled", "required", "rule",
          "rules", "alias", "ref", "store", "provider", "factory", "service", "manager", "spec", "event", "events");
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

  private SecretNames() {}

  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String part : name.split("[_.\\-\\s]+")) {
      for (String word : CAMEL.split(part)) {
        if (!word.isEmpty()) {
          words.add(Ascii.lower(word));
        }
      }
    }
    return words;
  }

  /** A cheap pre-check: false means {@link #isSecretName} is false. */
  static boolean mayBeSecretName(String name) {
    String lower = Ascii.lower(name);
    return lower.contains("secret") || lower.contains("pass") || lower.contains("pwd") || lower.contains("token")
        || lower.contains("key") || lower.contains("credential") || lower.contains("auth");
  }

  static boolean isSecretName(String name) {
    List<String> words = words(name);
    if (words.isEmpty() || DESCRIPTIVE.contains(words.getLast()) || words.contains("public")) {
      return false;
    }
    return words.stream().anyMatch(word -> SECRET_WORD.matcher(word).matches());
  }

  static boolean isPasswordName(String name) {
    return words(name).stream().anyMatch(word -> PASSWORD_WORD.matcher(word).matches());
  }
}
