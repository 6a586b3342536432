package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.List;

/** One text file being scanned: its report path ({@code /} separators), kind, text and line index. Immutable. */
final class SourceFile {
  private final String path;
  private final FileKind kind;
  private final String text;
  private final int[] lineStarts;

  private SourceFile(String path, FileKind kind, String text, int[] lineStarts) {
    this.path = path;
    this.kind = kind;
    this.text = text;
    this.lineStarts = lineStarts;
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
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return new SourceFile(path, kind, text, starts.stream().mapToInt(Integer::intValue).toArray());
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** The offset at which a 1-based line starts. */
  int offsetOfLine(int line) {
    return lineStarts[line - 1];
  }

  /** The 1-based line of an offset. */
  int lineOf(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }

  /** The 1-based column of an offset. */
  int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  /** The text of a 1-based line without its line break. */
  String line(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
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
