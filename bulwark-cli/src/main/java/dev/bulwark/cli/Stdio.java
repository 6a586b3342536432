package dev.bulwark.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The raw standard streams of the running command, for commands that read or write bytes (plaintext
 * on stdin, decrypted bytes on stdout) rather than text. {@link Main} binds them for the duration of
 * one run: {@code System.in}/{@code System.out} from {@link Main#main}, test streams otherwise.
 */
public final class Stdio {
  static final ScopedValue<Stdio> CURRENT = ScopedValue.newInstance();

  private final InputStream in;
  private final OutputStream out;

  Stdio(InputStream in, OutputStream out) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * The streams of the command being run.
   *
   * @throws IllegalStateException outside a run of {@link Main}
   */
  public static Stdio current() {
    return CURRENT.orElseThrow(() -> new IllegalStateException("no bulwark command is running"));
  }

  /**
   * Writes bytes to standard output as they are (no charset, no line ending) and flushes.
   *
   * @throws IOException if standard output is closed or broken
   */
  public void writeOut(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void flushOut() throws IOException {
    out.flush();
  }

  /**
   * Reads all of standard input, refusing more than {@code maxBytes} so that a huge or endless
   * input cannot exhaust memory.
   *
   * @throws CliException (usage) if the input is longer or cannot be read
   */
  public byte[] readAll(int maxBytes, String what) {
    try {
      byte[] data = in.readNBytes(maxBytes + 1);
      if (data.length > maxBytes) {
        throw CliException.usage(what + " on stdin is longer than " + maxBytes + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw CliException.usage("cannot read " + what + " from stdin");
    }
  }

  /**
   * Standard input as a stream, for commands that process it in pieces. Closing the returned
   * stream does not close standard input.
   */
  public InputStream in() {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // Standard input belongs to the process, not to the command.
      }
    };
  }
}
