package dev.bulwark.guard.logging;

import dev.bulwark.crypto.tokens.ApiKeys;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans free text (log messages, exception messages, string field values) for secrets that have a
 * recognisable shape and replaces them with {@value #MASK}:
 *
 * <ul>
 *   <li>PEM private keys ({@code -----BEGIN ... PRIVATE KEY-----} to its end line, or to the end of
 *       the text when the end line is missing);
 *   <li>JWTs and JWEs ({@code eyJ...} dot-separated base64url parts);
 *   <li>{@code Bearer} and {@code Basic} credentials, keeping the scheme word;
 *   <li>{@code name=value} and {@code name: value} pairs whose name means a secret (password, token,
 *       api_key...), keeping the name;
 *   <li>Bulwark API keys ({@value ApiKeys#PREFIX} followed by base62, whether or not the checksum
 *       verifies: a mistyped key is still most of a key);
 *   <li>AWS access key ids ({@code AKIA}, {@code ASIA}... plus 16 characters);
 *   <li>payment card numbers: 13 to 19 digits, optionally grouped by single spaces or hyphens, that
 *       pass the Luhn check (ISO/IEC 7812).
 * </ul>
 *
 * <p>Then CR, LF, NEL (U+0085) and the Unicode line and paragraph separators (U+2028, U+2029)
 * become visible escapes such as {@code \n}, so a message cannot forge a second log line (CWE-117), and
 * the result is cut to the character limit.
 *
 * <p>Thread-safe: immutable.
 */
public final class TextRedactor {
  /** What a redacted secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
      "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|.*)", Pattern.DOTALL);
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){2,4}");
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9\\-._~+/]+=*");
  private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
      "(?i)\\b([a-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|authorization|cookie|private[_-]?key)[a-z0-9_-]*)"
          + "(\\s*[=:]\\s*)(?!(?i:bearer|basic)\\s)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");
  private static final Pattern API_KEY = Pattern.compile(Pattern.quote(ApiKeys.PREFIX) + "[0-9A-Za-z]{8,}");
  private static final Pattern AWS_ACCESS_KEY =
      Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\\b");
  private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

  private final int maxChars;
  private final boolean neutraliseLineBreaks;

  private TextRedactor(int maxChars, boolean neutraliseLineBreaks) {
    this.maxChars = maxChars;
    this.neutraliseLineBreaks = neutraliseLineBreaks;
  }

  /** A redactor that neutralises line breaks and cuts text at {@code maxChars}. */
  public static TextRedactor forMessages(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive");
    }
    return new TextRedactor(maxChars, true);
  }

  /** A redactor that keeps line breaks (stack traces, whose lines are structure) and cuts text at {@code maxChars}. */
  public static TextRedactor forMultiLine(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive");
    }
    return new TextRedactor(maxChars, false);
  }

  /** Redacts {@code text} as the class description says. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    String out = PEM_PRIVATE_KEY.matcher(text).replaceAll(MASK);
    out = JWT.matcher(out).replaceAll(MASK);
    out = AUTH_SCHEME.matcher(out).replaceAll("$1$2" + MASK);
    out = SECRET_ASSIGNMENT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    out = API_KEY.matcher(out).replaceAll(MASK);
    out = AWS_ACCESS_KEY.matcher(out).replaceAll(MASK);
    out = replaceIf(CARD_CANDIDATE, out, TextRedactor::isLuhnValid);
    if (neutraliseLineBreaks) {
      out = neutraliseLineBreaks(out);
    }
    if (out.length() > maxChars) {
      out = out.substring(0, maxChars) + "...[truncated]";
    }
    return out;
  }

  private static String replaceIf(Pattern pattern, String text, Function<String, Boolean> isSecret) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, isSecret.apply(m.group()) ? MASK : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The Luhn (mod 10) check over the digits of {@code candidate}, ignoring separators. */
  static boolean isLuhnValid(String candidate) {
    int sum = 0;
    int digits = 0;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if ((digits & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
  }

  static String neutraliseLineBreaks(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '\r' -> "\\r";
        case '\n' -> "\\n";
        case '\u0085' -> "\\u0085";
        case '\u2028' -> "\\u2028";
        case '\u2029' -> "\\u2029";
        default -> null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
