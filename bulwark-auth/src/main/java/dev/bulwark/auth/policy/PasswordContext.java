package dev.bulwark.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the policy knows about the account a password is for: whether multi-factor authentication
 * is in use (which lowers the minimum length from 15 to 8, NIST SP 800-63B-4 §3.1.1.2) and the
 * user's own words that a password must not contain (user name, e-mail address, other words such as
 * a display name).
 *
 * {@snippet :
 * PasswordContext ctx = PasswordContext.singleFactor()
 *     .withUsername("alice")
 *     .withEmail("alice.smith@example.com");
 * }
 *
 * <p>Immutable and thread-safe; each {@code with...} returns a new context.
 */
public final class PasswordContext {
  /** Where a context word came from, for the message of a {@link ReasonCode#CONTEXT_WORD}. */
  enum Source {
    USERNAME("user name"),
    EMAIL("e-mail address"),
    SERVICE("service name"),
    OTHER("account details");

    final String description;

    Source(String description) {
      this.description = description;
    }
  }

  /** A word and where it came from. */
  record Word(String text, Source source) {}

  private static final PasswordContext SINGLE = new PasswordContext(false, List.of());
  private static final PasswordContext MFA = new PasswordContext(true, List.of());

  private final boolean multiFactor;
  private final List<Word> words;

  private PasswordContext(boolean multiFactor, List<Word> words) {
    this.multiFactor = multiFactor;
    this.words = List.copyOf(words);
  }

  /** The password is the only authentication factor: minimum 15 code points. */
  public static PasswordContext singleFactor() {
    return SINGLE;
  }

  /** The password is one factor of multi-factor authentication: minimum 8 code points. */
  public static PasswordContext multiFactor() {
    return MFA;
  }

  /** Adds the user name. */
  public PasswordContext withUsername(String username) {
    return with(Source.USERNAME, Objects.requireNonNull(username, "username"));
  }

  /** Adds the e-mail address (its local part and the local part's pieces are screened too). */
  public PasswordContext withEmail(String email) {
    return with(Source.EMAIL, Objects.requireNonNull(email, "email"));
  }

  /** Adds other words of the account (display name, company...). */
  public PasswordContext withWords(String... words) {
    PasswordContext c = this;
    for (String w : words) {
      c = c.with(Source.OTHER, Objects.requireNonNull(w, "word"));
    }
    return c;
  }

  private PasswordContext with(Source source, String text) {
    List<Word> more = new ArrayList<>(words);
    more.add(new Word(text, source));
    return new PasswordContext(multiFactor, more);
  }

  /** True if multi-factor authentication is in use. */
  public boolean isMultiFactor() {
    return multiFactor;
  }

  List<Word> words() {
    return words;
  }

  @Override
  public String toString() {
    // Context words are personal data: not printed.
    return "PasswordContext[multiFactor=" + multiFactor + ", words=" + words.size() + "]";
  }
}
