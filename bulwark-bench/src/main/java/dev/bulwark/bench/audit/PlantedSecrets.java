package dev.bulwark.bench.audit;

import dev.bulwark.crypto.tokens.ApiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Generates the secrets planted into the benchmark tree: one of every format in
 * {@link SecretRegexes} per file, in Java, Python, YAML, .env and text files. Values are random
 * at each run (nothing secret-looking is stored in the source); bodies use digits and consonants
 * other than x, so no value can spell a placeholder word ({@code test}, {@code xxx}, {@code your}).
 */
final class PlantedSecrets {
  private static final String ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWYZbcdfghjklmnpqrstvwyz";
  private static final String[] EXTENSIONS = {"java", "py", "yml", "env", "txt"};
  static final int FILES = 100;

  private PlantedSecrets() {}

  /** Writes the planted files into {@code directory}; returns how many secrets it planted. */
  static int plant(Path directory) throws IOException {
    Files.createDirectories(directory);
    SecureRandom random = new SecureRandom();
    int planted = 0;
    for (int i = 0; i < FILES; i++) {
      StringBuilder text = new StringBuilder("# planted by the audit benchmark: every value is random\n");
      String[] values = {
        ApiKeys.generate().insecureValue(),
        "-----BEGIN PRIVATE KEY-----\n" + body(random, 64) + "\n-----END PRIVATE KEY-----",
        "AKIA" + body(random, 16).toUpperCase(Locale.ROOT),
        "ghp_" + body(random, 36),
        "glpat-" + body(random, 20),
        "xoxb-" + digits(random, 12) + "-" + body(random, 24),
        "sk_live_" + body(random, 24),
        "AIza" + body(random, 35),
        "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + body(random, 8) + "\"}").getBytes(StandardCharsets.UTF_8))
            + "." + body(random, 43),
        "postgresql://app:" + body(random, 16) + "@db.internal:5432/app",
      };
      for (String value : values) {
        text.append("value").append(planted).append(" = \"").append(value).append("\"\n");
        text.append("unrelated line ").append(planted).append('\n');
        planted++;
      }
      Files.writeString(directory.resolve("planted" + i + "." + EXTENSIONS[i % EXTENSIONS.length]), text, StandardCharsets.UTF_8);
    }
    return planted;
  }

  private static String body(SecureRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  private static String digits(SecureRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }
}
