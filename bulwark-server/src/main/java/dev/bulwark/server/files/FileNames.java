package dev.bulwark.server.files;

import java.nio.charset.StandardCharsets;

/**
 * Client file names made harmless for display and for the {@code Content-Disposition} header.
 *
 * <p>{@link #sanitize} keeps the last path segment only and replaces anything but letters, digits,
 * combining marks that follow a kept character (so {@code é} survives whether it arrives composed or,
 * as macOS sends it, decomposed), space and {@code . _ - ( )} with {@code _} (so no quote,
 * backslash, control, bidi override, CR or LF can reach a header or a log), collapses runs, trims
 * leading dots and spaces, and caps the length. No Unicode normalization is applied: nothing is
 * checked before a transformation that could change it. {@link #contentDisposition} writes RFC 6266 {@code attachment} with an ASCII fallback
 * {@code filename} and the exact name in RFC 8187 {@code filename*=UTF-8''...}. Stateless;
 * thread-safe.
 */
public final class FileNames {
  /** Longest sanitized name, in code points. */
  public static final int MAX_CODE_POINTS = 200;

  private static final String FALLBACK = "file";

  private FileNames() {}

  /** The display-safe form of a client's file name; never empty. */
  public static String sanitize(String clientName) {
    String name = clientName == null ? "" : clientName;
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(cut + 1);
    StringBuilder out = new StringBuilder();
    int kept = 0;
    for (int i = 0; i < name.length() && kept < MAX_CODE_POINTS; ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      boolean mark = Character.getType(cp) == Character.NON_SPACING_MARK && !out.isEmpty()
          && out.charAt(out.length() - 1) != '_';
      boolean allowed = Character.isLetterOrDigit(cp) || mark || cp == ' ' || cp == '.' || cp == '_' || cp == '-'
          || cp == '(' || cp == ')';
      int emit = allowed ? cp : '_';
      if (emit == '_' && !out.isEmpty() && out.charAt(out.length() - 1) == '_') {
        continue;
      }
      out.appendCodePoint(emit);
      kept++;
    }
    String result = out.toString().strip();
    int start = 0;
    while (start < result.length() && (result.charAt(start) == '.' || result.charAt(start) == ' ')) {
      start++;
    }
    result = result.substring(start);
    return result.isEmpty() ? FALLBACK : result;
  }

  /** {@code attachment; filename="ascii"; filename*=UTF-8''pct-encoded} for a sanitized name. */
  public static String contentDisposition(String sanitizedName) {
    String safe = sanitize(sanitizedName);
    StringBuilder ascii = new StringBuilder();
    safe.codePoints().forEach(cp -> ascii.append(cp < 128 ? (char) cp : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(safe);
  }

  /** RFC 8187 section 3.2.1: attr-char stays, every other UTF-8 byte is %XX. */
  private static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
