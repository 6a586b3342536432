package dev.bulwark.guard.files;

import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves a file name that came from a user against a trusted base directory, so that the result
 * is always inside that directory (CWE-22, path traversal).
 *
 * <p>The name may hold sub-directories separated by {@code /}. It is refused when it is empty or
 * absolute; has an empty, {@code .} or {@code ..} segment; has a hidden segment (leading dot); holds
 * a NUL, any control or format character (bidi overrides, zero-width characters), a backslash, a
 * colon (Windows drives and NTFS streams), or a Unicode look-alike of a dot or a slash (fullwidth,
 * ideographic and one-dot-leader dots, division and fraction slashes...); is not NFKC-stable (what a
 * later normalisation could turn into {@code ..}); ends with a dot or space or starts with a space
 * (Windows silently strips them); names a Windows device ({@code CON}, {@code NUL}, {@code COM1}...);
 * is longer than {@link Limits#maxFileNameLength()} UTF-8 bytes; or escapes the base through a
 * symbolic link, which is checked on the real path of the deepest existing ancestor. A dangling
 * symbolic link at the target is refused too, since writing through it would create a file
 * elsewhere.
 *
 * {@snippet :
 * Path file = SafePaths.resolve(uploadsDir, request.queryParam("name")); // throws UnsafePathException
 * }
 *
 * <p><b>Warning</b>: the symlink check is a snapshot. A process that can create links inside the
 * base directory between this check and the use of the path can still race it; keep the base
 * directory writable only by this service, and open files with {@link LinkOption#NOFOLLOW_LINKS}
 * where the API allows it ({@link UploadStore} never opens a user-chosen name at all).
 *
 * <p>Thread-safe: stateless.
 */
public final class SafePaths {
  private static final Set<String> WINDOWS_DEVICES =
      Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4",
          "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
          "LPT7", "LPT8", "LPT9");

  /**
   * Characters that look like a dot or a slash but survive NFKC unchanged, so the NFKC-stability
   * rule alone does not catch them (Unicode confusables.txt for U+002E, U+002F and U+005C).
   */
  private static final String LOOK_ALIKES =
      "\u2024\u2025\u2026\u2027\uFF0E\uFE52\u3002\uFF61\u0589\u06D4\u0701\u0702\u2E3C\uA4F8\uA60E"
          + "\u2215\u2044\u2571\u29F8\u3033\uFF0F\u1735\u2CC6"
          + "\u2216\u29F5\u29F9\u2572\uFE68\uFF3C";

  private SafePaths() {}

  /** {@link #resolve(Path, String, Limits)} with {@link Limits#defaults()}. */
  public static Path resolve(Path base, String untrustedName) throws UnsafePathException {
    return resolve(base, untrustedName, Limits.defaults());
  }

  /**
   * Resolves {@code untrustedName} inside {@code base}.
   *
   * @param base an existing directory the caller trusts; the result lies under its real path
   * @param untrustedName a relative name with {@code /}-separated segments, from a user
   * @param limits the shared limits; {@link Limits#maxFileNameLength()} bounds the name
   * @return the real path of {@code base} resolved with the (unchanged) name
   * @throws UnsafePathException if the name breaks any rule in the class description
   * @throws IllegalArgumentException if {@code base} is not an existing directory
   */
  public static Path resolve(Path base, String untrustedName, Limits limits) throws UnsafePathException {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(untrustedName, "untrustedName");
    Objects.requireNonNull(limits, "limits");
    Path realBase;
    try {
      realBase = base.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("base directory does not exist or cannot be read", e);
    }
    if (!Files.isDirectory(realBase)) {
      throw new IllegalArgumentException("base is not a directory");
    }
    checkName(untrustedName, limits);
    Path resolved = realBase.resolve(untrustedName).normalize();
    if (!resolved.startsWith(realBase) || resolved.equals(realBase)) {
      throw new UnsafePathException("file name leaves the base directory");
    }
    checkRealPath(realBase, resolved);
    return resolved;
  }

  /** The lexical rules: everything that can be decided without touching the file system. */
  static void checkName(String name, Limits limits) throws UnsafePathException {
    if (name.isEmpty()) {
      throw new UnsafePathException("file name is empty");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > limits.maxFileNameLength()) {
      throw new UnsafePathException(
          "file name is longer than " + limits.maxFileNameLength() + " UTF-8 bytes");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      checkCharacter(cp);
      i += Character.charCount(cp);
    }
    if (!Normalizer.isNormalized(name, Normalizer.Form.NFKC)) {
      // A name that NFKC changes can become "..", "/" or another name after a later normaliser
      // (macOS file systems, a database collation): refuse it rather than guess which one wins.
      throw new UnsafePathException("file name is not in Unicode normal form NFKC");
    }
    if (name.startsWith("/")) {
      throw new UnsafePathException("file name is absolute");
    }
    for (String segment : name.split("/", -1)) {
      checkSegment(segment);
    }
  }

  private static void checkCharacter(int cp) throws UnsafePathException {
    if (cp == 0) {
      throw new UnsafePathException("file name contains a NUL byte");
    }
    if (cp == '\\') {
      throw new UnsafePathException("file name contains a backslash");
    }
    if (cp == ':') {
      throw new UnsafePathException("file name contains a colon (drive or stream separator)");
    }
    if (LOOK_ALIKES.indexOf(cp) >= 0) {
      throw new UnsafePathException("file name contains a look-alike of a dot or a separator");
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
          throw new UnsafePathException("file name contains a control, format or unassigned character");
      default -> {
        // Letters, digits, marks, punctuation and ordinary spaces are fine on their own.
      }
    }
  }

  private static void checkSegment(String segment) throws UnsafePathException {
    if (segment.isEmpty()) {
      throw new UnsafePathException("file name has an empty segment");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new UnsafePathException("file name has a '.' or '..' segment");
    }
    if (segment.startsWith(".")) {
      throw new UnsafePathException("file name has a hidden segment");
    }
    if (segment.endsWith(".") || segment.endsWith(" ") || segment.startsWith(" ")) {
      throw new UnsafePathException("file name segment starts with a space or ends with a dot or space");
    }
    int dot = segment.indexOf('.');
    String stem = dot < 0 ? segment : segment.substring(0, dot);
    if (WINDOWS_DEVICES.contains(asciiUpperCase(stem))) {
      throw new UnsafePathException("file name segment is a reserved device name");
    }
  }

  /** Upper-cases ASCII letters only: device names are ASCII, and no Unicode case mapping can forge one. */
  private static String asciiUpperCase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
    }
    return out.toString();
  }

  /**
   * Follows symbolic links on the deepest part of {@code resolved} that exists and requires its real
   * path to stay under {@code realBase}.
   */
  private static void checkRealPath(Path realBase, Path resolved) throws UnsafePathException {
    Path existing = resolved;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new UnsafePathException("file name leaves the base directory");
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      // The entry exists without following links but not with them: a dangling symbolic link.
      throw new UnsafePathException("file name is a symbolic link that points nowhere");
    }
    if (!real.startsWith(realBase)) {
      throw new UnsafePathException("file name escapes the base directory through a symbolic link");
    }
  }
}
