package dev.bulwark.audit;

import dev.bulwark.crypto.tokens.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test corpus under {@code src/test/resources/corpus}: files with planted findings and
 * look-alikes, and {@code expected.tsv} naming each by a substring of its line. Secret values are
 * not in the files (so that neither GitHub push protection nor this project's own audit sees
 * anything real-looking there): they are markers {@code @@...@@} that {@link #materialise} fills in
 * with values generated from a fixed seed.
 */
final class Corpus {
  static final List<String> FILES =
      List.of(
          "secrets/config.properties", "secrets/app.yml", "secrets/settings.json", "secrets/app.env",
          "secrets/deploy.sh", "secrets/notes.txt", "secrets/Secrets.java", "secrets/secrets.py",
          "java/Insecure.java", "java/Safe.java", "python/insecure.py", "python/safe.py");

  /**
   * One expectation.
   *
   * @param path the corpus file
   * @param ruleId the rule
   * @param planted true for a planted finding, false for a look-alike that must not be reported
   * @param line the 1-based line named by the substring
   */
  record Expectation(String path, String ruleId, boolean planted, int line) {}

  private static final Pattern MARKER = Pattern.compile("@@(BWK|BWK_BADSUM|AWS_SECRET|JWT|R:([^:@]*):([A-Z]):([0-9]+))@@");
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Corpus() {}

  static String resource(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing corpus resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the corpus into {@code dir} with every marker replaced; returns the expectations. */
  static List<Expectation> materialise(Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(20261123L);
    for (String name : FILES) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      Files.writeString(target, fill(resource(name), random));
    }
    List<Expectation> expectations = new ArrayList<>();
    for (String row : resource("expected.tsv").split("\n")) {
      if (row.isBlank() || row.startsWith("#")) {
        continue;
      }
      String[] parts = row.split("\t", 3);
      String text = resource(parts[0]);
      int at = text.indexOf(parts[2]);
      if (at < 0 || text.indexOf(parts[2], at + 1) >= 0) {
        throw new IllegalStateException("expected.tsv: '" + parts[2] + "' must occur exactly once in " + parts[0]);
      }
      int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
      boolean planted = !parts[1].startsWith("!");
      expectations.add(new Expectation(parts[0], planted ? parts[1] : parts[1].substring(1), planted, line));
    }
    return expectations;
  }

  static String fill(String template, SplittableRandom random) {
    Matcher m = MARKER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "BWK" -> bwk(random);
        case "BWK_BADSUM" -> {
          String key = bwk(random);
          char last = key.charAt(key.length() - 1);
          yield key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        }
        case "AWS_SECRET" -> random(random, ALNUM + "+/", 40);
        case "JWT" -> jwt(random);
        default -> m.group(2) + random(random, alphabet(m.group(3)), Integer.parseInt(m.group(4)));
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String alphabet(String code) {
    return switch (code) {
      case "A" -> ALNUM;
      case "U" -> "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
      case "D" -> "0123456789";
      case "B" -> ALNUM + "-_";
      case "S" -> ALNUM + "+/";
      case "P" -> ALNUM + "!-_+=~^";
      default -> throw new IllegalArgumentException("unknown alphabet " + code);
    };
  }

  static String random(SplittableRandom random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** A real, well-formed Bulwark key from the API (its checksum is what the rule verifies). */
  static String bwk(SplittableRandom unused) {
    return ApiKeys.generate().insecureValue();
  }

  static String jwt(SplittableRandom random) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = encoder.encodeToString(("{\"sub\":\"" + random(random, ALNUM, 12) + "\",\"iat\":1763900000}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + random(random, ALNUM + "-_", 43);
  }
}
