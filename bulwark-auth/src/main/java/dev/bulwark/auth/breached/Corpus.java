package dev.bulwark.auth.breached;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * Reads a corpus file line by line with a bounded line length; messages carry line numbers, never
 * line content (every line is a password or its hash).
 */
final class Corpus {
  static final int MAX_LINE_CHARS = 1024;
  private static final int HIBP_HEX_CHARS = 40;

  private Corpus() {}

  /** What each accepted line becomes. */
  private interface LineSink {
    void accept(String line, long lineNumber) throws FilterFormatException;
  }

  static BreachedFilter build(Path corpus, CorpusFormat requested, double falsePositiveRate)
      throws FilterFormatException {
    CorpusFormat format = requested == CorpusFormat.AUTO ? detect(corpus) : requested;
    long[] count = {0};
    // A plain line whose NFKC form differs adds two keys (BreachedFilterBuilder#addPassword).
    forEachLine(corpus, format, (line, n) ->
        count[0] += format == CorpusFormat.PLAIN && !Normalizer.isNormalized(line, Normalizer.Form.NFKC) ? 2 : 1);
    BreachedFilterBuilder builder = BreachedFilterBuilder.forEntries(count[0], falsePositiveRate);
    forEachLine(corpus, format, (line, n) -> {
      if (format == CorpusFormat.PLAIN) {
        builder.addPassword(line);
      } else {
        builder.addSha1(HexFormat.of().parseHex(line, 0, HIBP_HEX_CHARS));
      }
    });
    return builder.build();
  }

  private static CorpusFormat detect(Path corpus) throws FilterFormatException {
    CorpusFormat[] found = {null};
    try {
      forEachLine(corpus, CorpusFormat.PLAIN, (line, n) -> {
        if (found[0] == null) {
          found[0] = isHibpLine(line) ? CorpusFormat.HIBP_SHA1 : CorpusFormat.PLAIN;
          throw new StopReading();
        }
      });
    } catch (StopReading stop) {
      return found[0];
    }
    return CorpusFormat.PLAIN;
  }

  /** Ends the detection pass at the first non-empty line; carries no data. */
  private static final class StopReading extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super(null, null, false, false);
    }
  }

  static boolean isHibpLine(String line) {
    if (line.length() < HIBP_HEX_CHARS) {
      return false;
    }
    for (int i = 0; i < HIBP_HEX_CHARS; i++) {
      if (Character.digit(line.charAt(i), 16) < 0) {
        return false;
      }
    }
    if (line.length() == HIBP_HEX_CHARS) {
      return true;
    }
    if (line.charAt(HIBP_HEX_CHARS) != ':' || line.length() == HIBP_HEX_CHARS + 1 || line.length() > HIBP_HEX_CHARS + 20) {
      return false;
    }
    for (int i = HIBP_HEX_CHARS + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void forEachLine(Path corpus, CorpusFormat format, LineSink sink) throws FilterFormatException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    long lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(corpus), decoder))) {
      StringBuilder line = new StringBuilder();
      while (true) {
        line.setLength(0);
        boolean eof = readBoundedLine(reader, line);
        if (eof && line.isEmpty()) {
          return;
        }
        lineNumber++;
        if (line.length() > MAX_LINE_CHARS) {
          throw new FilterFormatException("corpus line " + lineNumber + " is longer than " + MAX_LINE_CHARS + " characters");
        }
        if (!line.isEmpty()) {
          String text = line.toString();
          if (format == CorpusFormat.HIBP_SHA1 && !isHibpLine(text)) {
            throw new FilterFormatException("corpus line " + lineNumber + " is not a HIBP SHA1:count line");
          }
          sink.accept(text, lineNumber);
        }
        if (eof) {
          return;
        }
      }
    } catch (CharacterCodingException e) {
      throw new FilterFormatException("corpus line " + (lineNumber + 1) + " is not valid UTF-8");
    } catch (IOException e) {
      throw new FilterFormatException("cannot read the corpus file", e);
    }
  }

  /**
   * Reads up to the next LF (a CR before it is dropped), keeping at most MAX_LINE_CHARS + 1 chars so
   * that one endless line cannot exhaust memory.
   *
   * @return true at end of input
   */
  private static boolean readBoundedLine(BufferedReader reader, StringBuilder line) throws IOException {
    for (int c = reader.read(); ; c = reader.read()) {
      if (c == -1) {
        stripCr(line);
        return true;
      }
      if (c == '\n') {
        stripCr(line);
        return false;
      }
      if (line.length() <= MAX_LINE_CHARS) {
        line.append((char) c);
      }
    }
  }

  private static void stripCr(StringBuilder line) {
    if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r' && line.length() <= MAX_LINE_CHARS) {
      line.setLength(line.length() - 1);
    }
  }
}
