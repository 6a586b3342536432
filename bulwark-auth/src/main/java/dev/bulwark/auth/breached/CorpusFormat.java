package dev.bulwark.auth.breached;

/** How a breach corpus is written, for {@link BreachedFilterBuilder#fromCorpus}. */
public enum CorpusFormat {
  /**
   * Have I Been Pwned "Pwned Passwords": one {@code SHA1HEX:count} line per password (40 hex digits,
   * either case; the count is optional and ignored).
   */
  HIBP_SHA1,
  /** One password per line, UTF-8; empty lines are skipped, nothing is trimmed. */
  PLAIN,
  /** {@link #HIBP_SHA1} if the first non-empty line is a HIBP line, {@link #PLAIN} otherwise. */
  AUTO
}
