package dev.bulwark.cli.hash;

import dev.bulwark.cli.CliException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One line of a {@code sha256sum}-style list: {@code <hex>  <name>}, or {@code <hex> *<name>} (GNU's
 * binary-mode marker, read but never written). As GNU coreutils does, a name holding a backslash, a
 * newline or a carriage return is written escaped ({@code \\}, {@code \n}, {@code \r}) on a line
 * that starts with a backslash, so that one file is always exactly one line.
 */
record ChecksumLine(String hex, String name) {
  /** The expected digest. */
  byte[] digest() {
    return HexFormat.of().parseHex(hex);
  }

  static String format(String hex, String name) {
    String escaped = escapeIfNeeded(name);
    return (escaped.equals(name) ? "" : "\\") + hex + "  " + escaped + "\n";
  }

  static String escapeIfNeeded(String name) {
    if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
      return name;
    }
    return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  /**
   * Parses every line of a list. Blank lines are skipped; any other line must be well formed.
   *
   * @throws CliException (usage) naming the first malformed line by number, or when there is none
   */
  static List<ChecksumLine> parseAll(String text, int digestBytes, String listName) {
    List<ChecksumLine> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
      if (line.isBlank()) {
        continue;
      }
      ChecksumLine parsed = parse(line, digestBytes);
      if (parsed == null) {
        throw CliException.usage(
            listName + " line " + (i + 1) + " is not '<" + digestBytes * 2 + " hex digits>  <file>'");
      }
      lines.add(parsed);
    }
    if (lines.isEmpty()) {
      throw CliException.usage(listName + " holds no checksum lines");
    }
    return lines;
  }

  private static ChecksumLine parse(String line, int digestBytes) {
    boolean escaped = line.startsWith("\\");
    String body = escaped ? line.substring(1) : line;
    int hexChars = digestBytes * 2;
    if (body.length() < hexChars + 3 || body.charAt(hexChars) != ' ') {
      return null;
    }
    char mode = body.charAt(hexChars + 1);
    if (mode != ' ' && mode != '*') {
      return null;
    }
    String hex = body.substring(0, hexChars);
    if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return null;
    }
    String name = body.substring(hexChars + 2);
    if (escaped) {
      name = unescape(name);
      if (name == null) {
        return null;
      }
    }
    return new ChecksumLine(hex, name);
  }

  private static String unescape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == name.length()) {
        return null;
      }
      switch (name.charAt(i)) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }
}
