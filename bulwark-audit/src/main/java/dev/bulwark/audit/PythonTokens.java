package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Python tokenizer: names, numbers, strings (any prefix, single or triple quoted, one
 * token each, f-strings included), operators, and a NEWLINE at the end of each logical line
 * (bracket depth 0, no backslash continuation). Comments are dropped. Each token knows its offset
 * and the indentation of its logical line. Not a full Python lexer: it never fails, and
 * unterminated strings end at the end of the file.
 */
final class PythonTokens {
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OP,
    NEWLINE
  }

  /**
   * One token.
   *
   * @param kind its kind
   * @param text its text (for strings, including prefix and quotes)
   * @param offset its offset in the file
   * @param indent the indentation of its logical line
   */
  record Token(Kind kind, String text, int offset, int indent) {
    boolean is(String value) {
      return text.equals(value);
    }

    /** For a string token, its prefix letters in lower case ({@code f}, {@code rb}, ...). */
    String stringPrefix() {
      int i = 0;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      return Ascii.lower(text.substring(0, i));
    }
  }

  private PythonTokens() {}

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    int indent = 0;
    boolean lineStart = true;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (lineStart) {
        int column = 0;
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
          column += text.charAt(i) == '\t' ? 8 - column % 8 : 1;
          i++;
        }
        if (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r' && text.charAt(i) != '#') {
          indent = column;
          lineStart = false;
        }
        if (i >= n) {
          break;
        }
        c = text.charAt(i);
      }
      if (c == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\n') {
        if (depth == 0 && !tokens.isEmpty() && tokens.getLast().kind() != Kind.NEWLINE) {
          tokens.add(new Token(Kind.NEWLINE, "\n", i, indent));
        }
        if (depth == 0) {
          lineStart = true;
        }
        i++;
      } else if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
        i += text.charAt(i + 1) == '\r' && i + 2 < n && text.charAt(i + 2) == '\n' ? 3 : 2;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'') && i - start <= 3 && Ascii.lower(text.substring(start, i)).matches("[rbuf]{1,2}|[rbf]t|t")) {
          i = stringEnd(text, i);
          tokens.add(new Token(Kind.STRING, text.substring(start, i), start, indent));
        } else {
          tokens.add(new Token(Kind.NAME, text.substring(start, i), start, indent));
        }
      } else if (c == '"' || c == '\'') {
        int start = i;
        i = stringEnd(text, i);
        tokens.add(new Token(Kind.STRING, text.substring(start, i), start, indent));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start, indent));
      } else {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          depth--;
        }
        int length = i + 1 < n && "=!<>*/%+-&|^:".indexOf(c) >= 0 && text.charAt(i + 1) == '=' ? 2 : 1;
        if (c == '*' && i + 1 < n && text.charAt(i + 1) == '*' || c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
          length = 2;
        }
        tokens.add(new Token(Kind.OP, text.substring(i, i + length), i, indent));
        i += length;
      }
    }
    if (!tokens.isEmpty() && tokens.getLast().kind() != Kind.NEWLINE) {
      tokens.add(new Token(Kind.NEWLINE, "\n", n, indent));
    }
    return tokens;
  }

  /** The offset after the string literal whose opening quote is at {@code quoteAt}. */
  private static int stringEnd(String text, int quoteAt) {
    char quote = text.charAt(quoteAt);
    int n = text.length();
    boolean triple = quoteAt + 2 < n && text.charAt(quoteAt + 1) == quote && text.charAt(quoteAt + 2) == quote;
    int i = quoteAt + (triple ? 3 : 1);
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (triple) {
        if (c == quote && i + 2 < n && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote) {
          return i + 3;
        }
      } else if (c == quote) {
        return i + 1;
      } else if (c == '\n') {
        return i;
      }
      i++;
    }
    return n;
  }
}
