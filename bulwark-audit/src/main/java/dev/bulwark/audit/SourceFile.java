package dev.bulwark.audit;

import java.util.Arrays;

/** One text file being scanned: its report path ({@code /} separators), kind, text and line index (built on first use). Confined to one thread. */
final class SourceFile {
  private final String path;
  private final FileKind kind;
  private final String text;
  /** Computed on first use: most files of a large tree have no finding and never need it. */
  private int[] lineStarts;

  private SourceFile(String path, FileKind kind, String text) {
    this.path = path;
    this.kind = kind;
    this.text = text;
  }

  String path() {
    return path;
  }

  FileKind kind() {
    return kind;
  }

  String text() {
    return text;
  }

  static SourceFile of(String path, FileKind kind, String text) {
    return new SourceFile(path, kind, text);
  }

  /**
   * The offsets at which lines start. A primitive array grown by doubling: one boxed Integer per
   * line was a measurable share of the scan time on large trees. Not synchronized: a SourceFile
   * is used by one thread.
   */
  private int[] lineStarts() {
    if (lineStarts == null) {
      int[] starts = new int[64];
      int count = 1;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
      lineStarts = Arrays.copyOf(starts, count);
    }
    return lineStarts;
  }

  int lineCount() {
    return lineStarts().length;
  }

  /** The offset at which a 1-based line starts. */
  int offsetOfLine(int line) {
    return lineStarts()[line - 1];
  }

  /** The 1-based line of an offset. */
  int lineOf(int offset) {
    int low = 0;
    int high = lineStarts().length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts()[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }

  /** The 1-based column of an offset. */
  int columnOf(int offset) {
    return offset - lineStarts()[lineOf(offset) - 1] + 1;
  }

  /** The text of a 1-based line without its line break. */
  String line(int line) {
    int start = lineStarts()[line - 1];
    int end = line < lineStarts().length ? lineStarts()[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  /** A finding at an offset. */
  Finding finding(Rule rule, int offset, String excerpt, String matched) {
    return new Finding(rule, path, lineOf(offset), columnOf(offset), excerpt, Fingerprints.of(rule.id(), path, matched));
  }

  /** A finding at a 1-based line and column. */
  Finding finding(Rule rule, int line, int column, String excerpt, String matched) {
    return new Finding(rule, path, line, column, excerpt, Fingerprints.of(rule.id(), path, matched));
  }
}
