package dev.bulwark.auth.breached;

import java.io.Serial;

/**
 * A breached-password filter file or corpus that cannot be used: wrong magic or version, parameters
 * out of bounds, truncated, trailing bytes, checksum mismatch, larger than the caller's limit, or a
 * corpus line that does not parse. The message names the problem and, for a corpus, the line
 * number; it never quotes the content (a corpus line is a password).
 */
public final class FilterFormatException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** A rejection with a message that contains no input content. */
  public FilterFormatException(String message) {
    super(message);
  }

  /** A rejection caused by an I/O failure while reading. */
  public FilterFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
