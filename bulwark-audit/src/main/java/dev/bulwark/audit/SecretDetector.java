package dev.bulwark.audit;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.json.Json;
import dev.bulwark.crypto.tokens.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret rules: known token formats by regular expression (each checked further where the
 * format allows: checksum, decodable header), then generic assignments of high-entropy literals to
 * secret-named variables (thresholds in docs/audit.md). Runs on every text file whatever its kind,
 * so it is also the fallback when a Java file does not parse. Stateless and thread-safe.
 */
final class SecretDetector {
  /** A value assigned to a password-like name needs at least this many characters. */
  static final int PASSWORD_MIN_LENGTH = 8;
  /** ... and at least this Shannon entropy, in bits per character. */
  static final double PASSWORD_MIN_ENTROPY = 2.5;
  /** A value assigned to another secret-like name needs at least this many characters. */
  static final int SECRET_MIN_LENGTH = 16;
  /** ... at least this Shannon entropy, in bits per character, and two character classes. */
  static final double SECRET_MIN_ENTROPY = 3.5;
  /** An AWS secret key counts as "next to" an access key id within this many lines. */
  static final int AWS_PAIR_LINES = 5;

  private static final String NOT_WORD_BEFORE = "(?<![A-Za-z0-9_])";
  private static final String NOT_WORD_AFTER = "(?![A-Za-z0-9_])";

  private static final Pattern BWK = Pattern.compile(NOT_WORD_BEFORE + "bwk_[0-9A-Za-z]{49}" + NOT_WORD_AFTER);
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----");
  /** A PEM body must show a run of this many base64 characters within {@link #PEM_BODY_WINDOW} characters of the header. */
  static final int PEM_BODY_RUN = 40;
  static final int PEM_BODY_WINDOW = 300;
  private static final Pattern AWS_ID = Pattern.compile(NOT_WORD_BEFORE + "(?:AKIA|ASIA)[A-Z0-9]{16}" + NOT_WORD_AFTER);
  private static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
  private static final Pattern GITHUB =
      Pattern.compile(NOT_WORD_BEFORE + "(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + NOT_WORD_AFTER);
  private static final Pattern GITLAB = Pattern.compile(NOT_WORD_BEFORE + "glpat-[A-Za-z0-9_\\-]{20}(?![A-Za-z0-9_\\-])");
  private static final Pattern SLACK = Pattern.compile(NOT_WORD_BEFORE + "xox[abposr]-[0-9]{6,}-[A-Za-z0-9\\-]{8,}");
  private static final Pattern STRIPE = Pattern.compile(NOT_WORD_BEFORE + "[sr]k_live_[A-Za-z0-9]{20,}" + NOT_WORD_AFTER);
  private static final Pattern GOOGLE = Pattern.compile(NOT_WORD_BEFORE + "AIza[0-9A-Za-z_\\-]{35}(?![A-Za-z0-9_\\-])");
  private static final Pattern JWT =
      Pattern.compile(NOT_WORD_BEFORE + "(eyJ[A-Za-z0-9_\\-]{4,})\\.([A-Za-z0-9_\\-]{4,})\\.([A-Za-z0-9_\\-]{16,})(?![A-Za-z0-9_\\-])");
  private static final Pattern DB_URL =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9+])(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|sqlserver|oracle|mssql)"
              + "://([^:/\\s@\"'`]+):([^@/\\s\"'`]+)@[^\\s\"'`/]+");

  List<Finding> scan(SourceFile file) {
    String text = file.text();
    List<Finding> findings = new ArrayList<>();
    List<int[]> claimed = new ArrayList<>();

    int prefixes = Prefixes.present(text);
    Matcher m = BWK.matcher(has(prefixes, Prefixes.BWK) ? text : "");
    while (m.find()) {
      if (ApiKeys.isWellFormed(m.group())) {
        report(file, findings, claimed, Rules.BULWARK_API_KEY, m.start(), m.end(), m.group());
      }
    }
    m = PEM.matcher(has(prefixes, Prefixes.PEM) ? text : "");
    while (m.find()) {
      int bodyEnd = pemBodyRunEnd(text, m.end());
      if (bodyEnd > 0) {
        String body = text.substring(bodyEnd - PEM_BODY_RUN, bodyEnd);
        findings.add(file.finding(Rules.PRIVATE_KEY, m.start(), m.group() + " " + Redaction.secret(body), m.group() + body));
        claimed.add(new int[] {m.start(), bodyEnd});
      }
    }
    List<Integer> awsLines = new ArrayList<>();
    m = AWS_ID.matcher(has(prefixes, Prefixes.AWS) ? text : "");
    while (m.find()) {
      if (!m.group().contains("EXAMPLE") && !sameCharacterRun(m.group().substring(4))) {
        report(file, findings, claimed, Rules.AWS_ACCESS_KEY_ID, m.start(), m.end(), m.group());
        awsLines.add(file.lineOf(m.start()));
      }
    }
    if (!awsLines.isEmpty()) {
      m = AWS_SECRET.matcher(text);
      while (m.find()) {
        int line = file.lineOf(m.start());
        boolean near = awsLines.stream().anyMatch(l -> Math.abs(l - line) <= AWS_PAIR_LINES);
        String value = m.group();
        if (near && Entropy.characterClasses(value) == 3 && Entropy.bitsPerChar(value) >= 4.0 && !Placeholders.isPlaceholder(value)) {
          report(file, findings, claimed, Rules.AWS_SECRET_KEY, m.start(), m.end(), value);
        }
      }
    }
    if (has(prefixes, Prefixes.GITHUB)) {
      simple(file, findings, claimed, GITHUB, Rules.GITHUB_TOKEN, 4);
    }
    if (has(prefixes, Prefixes.GITLAB)) {
      simple(file, findings, claimed, GITLAB, Rules.GITLAB_TOKEN, 6);
    }
    if (has(prefixes, Prefixes.SLACK)) {
      simple(file, findings, claimed, SLACK, Rules.SLACK_TOKEN, 5);
    }
    if (has(prefixes, Prefixes.STRIPE)) {
      simple(file, findings, claimed, STRIPE, Rules.STRIPE_KEY, 8);
    }
    if (has(prefixes, Prefixes.GOOGLE)) {
      simple(file, findings, claimed, GOOGLE, Rules.GOOGLE_API_KEY, 4);
    }
    m = JWT.matcher(has(prefixes, Prefixes.JWT) ? text : "");
    while (m.find()) {
      if (hasJwtHeader(m.group(1)) && !Placeholders.isPlaceholder(m.group(3))) {
        report(file, findings, claimed, Rules.JWT, m.start(), m.end(), m.group());
      }
    }
    m = DB_URL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
      if (!databaseUrlAt(text, at, m)) {
        continue;
      }
      at = m.end() - 3;
      String password = m.group(2);
      if (!Placeholders.isPlaceholder(password) && !password.startsWith("$") && !password.startsWith("%") && !password.startsWith("{")) {
        String url = m.group();
        int passwordAt = m.start(2) - m.start();
        String excerpt = url.substring(0, passwordAt) + Redaction.secret(password) + url.substring(passwordAt + password.length());
        findings.add(file.finding(Rules.DATABASE_URL, m.start(), excerpt, url));
        claimed.add(new int[] {m.start(), m.end()});
      }
    }
    generic(file, findings, claimed);
    return findings;
  }

  /**
   * Whether a database URL whose {@code ://} is at {@code separator} starts there (the matcher is
   * then at it). Only the scheme before each {@code ://} is tried, not every offset of the file:
   * the case-insensitive scheme alternation at every offset dominated the scan time of source
   * trees, whose licence headers are full of {@code https://}.
   */
  private static boolean databaseUrlAt(String text, int separator, Matcher m) {
    int scheme = separator;
    while (scheme > 0 && isSchemeChar(text.charAt(scheme - 1))) {
      scheme--;
    }
    if (scheme == separator) {
      return false;
    }
    if (scheme >= 5 && text.regionMatches(true, scheme - 5, "jdbc:", 0, 5)) {
      m.region(scheme - 5, text.length());
      if (m.lookingAt()) {
        return true;
      }
    }
    m.region(scheme, text.length());
    return m.lookingAt();
  }

  private static boolean isSchemeChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+';
  }

  private static boolean has(int prefixes, int prefix) {
    return (prefixes & prefix) != 0;
  }

  private static void simple(SourceFile file, List<Finding> findings, List<int[]> claimed, Pattern pattern, Rule rule, int prefixLength) {
    Matcher m = pattern.matcher(file.text());
    while (m.find()) {
      String body = m.group().substring(prefixLength);
      if (!Placeholders.isPlaceholder(body) && !sameCharacterRun(body)) {
        report(file, findings, claimed, rule, m.start(), m.end(), m.group());
      }
    }
  }

  private static void report(SourceFile file, List<Finding> findings, List<int[]> claimed, Rule rule, int start, int end, String value) {
    findings.add(file.finding(rule, start, rule.title() + ": " + Redaction.secret(value), value));
    claimed.add(new int[] {start, end});
  }

  /**
   * The end of the first run of {@link #PEM_BODY_RUN} base64 characters after a PEM header, within
   * {@link #PEM_BODY_WINDOW} characters and before the next {@code -----}; or -1.
   */
  private static int pemBodyRunEnd(String text, int from) {
    int limit = Math.min(text.length(), from + PEM_BODY_WINDOW);
    int run = 0;
    for (int i = from; i < limit; i++) {
      char c = text.charAt(i);
      if (text.startsWith("-----", i)) {
        return -1;
      }
      boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
      run = base64 ? run + 1 : 0;
      if (run == PEM_BODY_RUN) {
        String body = text.substring(i + 1 - run, i + 1);
        return Placeholders.isPlaceholder(body) ? -1 : i + 1;
      }
    }
    return -1;
  }

  private static boolean sameCharacterRun(String body) {
    return body.chars().distinct().count() <= 2;
  }

  private static boolean hasJwtHeader(String header) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
      Map<String, Object> object = Json.parseObject(json);
      return object.get("alg") instanceof String;
    } catch (IllegalArgumentException | CryptoException e) {
      return false;
    }
  }

  private static void generic(SourceFile file, List<Finding> findings, List<int[]> claimed) {
    String text = file.text();
    for (QuotedAssignments.Assignment a : QuotedAssignments.find(text)) {
      considerAssignment(file, findings, claimed, a.name(), a.value(), a.valueStart());
    }
    FileKind kind = file.kind();
    if (kind == FileKind.YAML || kind == FileKind.PROPERTIES || kind == FileKind.ENV || kind == FileKind.SHELL) {
      for (int line = 1; line <= file.lineCount(); line++) {
        bareAssignment(file, findings, claimed, line);
      }
    }
  }

  /**
   * An unquoted {@code name = value} or {@code name: value} line (YAML, properties, .env, shell):
   * optional {@code export } or {@code - } first, the value one word of 4 to 512 characters with no
   * quote or {@code #}, then nothing but an optional {@code #} comment.
   */
  private static void bareAssignment(SourceFile file, List<Finding> findings, List<int[]> claimed, int lineNumber) {
    String line = file.line(lineNumber);
    int i = skipBlanks(line, 0);
    if (line.startsWith("export ", i) || line.startsWith("export\t", i)) {
      i = skipBlanks(line, i + 7);
    } else if (line.startsWith("- ", i)) {
      i = skipBlanks(line, i + 2);
    }
    int nameStart = i;
    if (i >= line.length() || !(Character.isLetter(line.charAt(i)) && line.charAt(i) < 128 || line.charAt(i) == '_')) {
      return;
    }
    while (i < line.length() && isNameChar(line.charAt(i))) {
      i++;
    }
    String name = line.substring(nameStart, i);
    i = skipBlanks(line, i);
    if (i >= line.length() || line.charAt(i) != '=' && line.charAt(i) != ':') {
      return;
    }
    i = skipBlanks(line, i + 1);
    int valueStart = i;
    while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && "\"'#`".indexOf(line.charAt(i)) < 0) {
      i++;
    }
    String value = line.substring(valueStart, i);
    int rest = skipBlanks(line, i);
    if (value.length() < 4 || value.length() > 512 || rest < line.length() && line.charAt(rest) != '#') {
      return;
    }
    int offset = file.offsetOfLine(lineNumber) + valueStart;
    considerAssignment(file, findings, claimed, name, value, offset);
  }

  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static void considerAssignment(SourceFile file, List<Finding> findings, List<int[]> claimed, String name, String value, int start) {
    if (value.length() < PASSWORD_MIN_LENGTH) {
      return; // shorter than any value isSecretValue accepts: most literals stop here, before the name is split
    }
    int end = start + value.length();
    for (int[] range : claimed) {
      if (start < range[1] && end > range[0]) {
        return;
      }
    }
    if (!SecretNames.mayBeSecretName(name) || !SecretNames.isSecretName(name) || !isSecretValue(value, SecretNames.isPasswordName(name))) {
      return;
    }
    claimed.add(new int[] {start, end});
    findings.add(file.finding(Rules.GENERIC_SECRET, start, name + " = " + Redaction.secret(value), name + "=" + value));
  }

  /** Whether a literal assigned to a secret-like name looks like a real secret (docs/audit.md). */
  static boolean isSecretValue(String value, boolean passwordName) {
    if (Placeholders.isPlaceholder(value) || value.contains("://") || value.startsWith("$") || value.startsWith("%")) {
      return false;
    }
    double entropy = Entropy.bitsPerChar(value);
    if (passwordName && value.length() >= PASSWORD_MIN_LENGTH && entropy >= PASSWORD_MIN_ENTROPY) {
      return !looksLikeWords(value) && (Entropy.characterClasses(value) >= 2 || value.chars().anyMatch(c -> !Character.isLetterOrDigit(c)));
    }
    return value.length() >= SECRET_MIN_LENGTH
        && entropy >= SECRET_MIN_ENTROPY
        && Entropy.characterClasses(value) >= 2
        && !looksLikeWords(value);
  }

  /** Identifiers, class names, property keys and paths: letters joined by separators, no digit. */
  private static boolean looksLikeWords(String value) {
    boolean previousLetter = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      if (!letter && ("-_./: ".indexOf(c) < 0 || !previousLetter)) {
        return false;
      }
      previousLetter = letter;
    }
    return previousLetter;
  }
}
