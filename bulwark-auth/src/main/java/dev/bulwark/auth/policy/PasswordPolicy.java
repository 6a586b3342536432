package dev.bulwark.auth.policy;

import dev.bulwark.auth.breached.CommonPasswords;
import dev.bulwark.auth.breached.PasswordScreen;
import dev.bulwark.auth.breached.ScreenVerdict;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Password acceptance under NIST SP 800-63B-4 §3.1.1.2 (the default and only profile): length in
 * Unicode code points after NFKC, at least {@value #MIN_LENGTH_SINGLE_FACTOR} ({@value
 * #MIN_LENGTH_MULTI_FACTOR} when multi-factor authentication is in use) and at most {@value
 * #MAX_LENGTH_CODE_POINTS}; every printable character and space allowed; no composition rules
 * (no "one digit, one symbol"); refused when breached or common, when it contains the user's own
 * context words, or when trivially repetitive or sequential.
 *
 * {@snippet :
 * PasswordPolicy policy = PasswordPolicy.builder()
 *     .serviceName("Bulwark")
 *     .addScreen(BreachedFilter.load(Path.of("pwned.bwbf")))
 *     .build();
 * PolicyResult r = policy.check(candidate, PasswordContext.singleFactor().withUsername("alice"));
 * if (!r.acceptable()) {
 *   r.violations().forEach(v -> show(v.reason().code(), v.message()));
 * }
 * }
 *
 * <p>The result lists every reason ({@link ReasonCode}), never just a boolean, plus zxcvbn's
 * strength estimate as guidance. Screens fail closed: a screen that answers {@link
 * ScreenVerdict#UNAVAILABLE} refuses the password with {@link ReasonCode#SCREENING_UNAVAILABLE}.
 * Messages never contain the password. Immutable and thread-safe if its screens are.
 */
public final class PasswordPolicy {
  /** Minimum length when the password is the only factor (NIST SP 800-63B-4: 15). */
  public static final int MIN_LENGTH_SINGLE_FACTOR = 15;

  /** Minimum length when the password is part of multi-factor authentication (NIST: 8). */
  public static final int MIN_LENGTH_MULTI_FACTOR = 8;

  /** Maximum length in code points (NIST asks for at least 64; we accept 256). */
  public static final int MAX_LENGTH_CODE_POINTS = 256;

  /**
   * Longest input, in UTF-16 chars, that is normalised at all: NFKC work is linear, but a
   * multi-megabyte "password" is refused as TOO_LONG before any of it is done.
   */
  static final int MAX_INPUT_CHARS = MAX_LENGTH_CODE_POINTS * 4;

  private final List<PasswordScreen> screens;
  private final List<PasswordContext.Word> serviceWords;
  private final boolean strengthEstimate;

  private PasswordPolicy(Builder b) {
    this.screens = List.copyOf(b.screens);
    this.serviceWords = List.copyOf(b.serviceWords);
    this.strengthEstimate = b.strengthEstimate;
  }

  /** The NIST SP 800-63B-4 defaults, screening zxcvbn's common passwords and dictionary words. */
  public static PasswordPolicy nist800_63b4() {
    return builder().build();
  }

  /** A builder starting from {@link #nist800_63b4()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a password.
   *
   * @param password the candidate; not retained (copies made for normalisation are not wiped: Java
   *     strings cannot be)
   * @param context multi-factor or not, and the user's words
   * @return every violation, and the strength estimate
   */
  public PolicyResult check(CharSequence password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(context, "context");
    List<PolicyViolation> out = new ArrayList<>();
    if (password.length() > MAX_INPUT_CHARS) {
      out.add(tooLong());
      return new PolicyResult(out, Optional.empty());
    }
    String raw = password.toString();
    String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    int[] cps = nfkc.codePoints().toArray();
    int min = context.isMultiFactor() ? MIN_LENGTH_MULTI_FACTOR : MIN_LENGTH_SINGLE_FACTOR;
    boolean lengthOk = true;
    if (cps.length < min) {
      lengthOk = false;
      out.add(new PolicyViolation(ReasonCode.TOO_SHORT,
          "use at least " + min + " characters" + (context.isMultiFactor() ? "" : " (8 with multi-factor authentication)")));
    } else if (cps.length > MAX_LENGTH_CODE_POINTS) {
      lengthOk = false;
      out.add(tooLong());
    }
    if (hasUnsupported(cps)) {
      out.add(new PolicyViolation(ReasonCode.UNSUPPORTED_CHARACTER,
          "remove control characters and unassigned or broken Unicode characters"));
    }
    screen(raw, nfkc, out);
    String lower = nfkc.toLowerCase(java.util.Locale.ROOT);
    List<PasswordContext.Word> words = new ArrayList<>(serviceWords);
    words.addAll(context.words());
    Set<PasswordContext.Source> sources = ContextWords.found(lower, words);
    for (PasswordContext.Source source : sources) {
      out.add(new PolicyViolation(ReasonCode.CONTEXT_WORD, "do not use your " + source.description + " in the password"));
    }
    ReasonCode pattern = TrivialPatterns.classify(lower.codePoints().toArray());
    if (pattern == ReasonCode.REPETITIVE) {
      out.add(new PolicyViolation(pattern, "avoid repeated characters or repeated words"));
    } else if (pattern == ReasonCode.SEQUENTIAL) {
      out.add(new PolicyViolation(pattern, "avoid sequences such as abcdef, 654321 or qwerty"));
    }
    Optional<StrengthEstimate> strength = Optional.empty();
    if (strengthEstimate && lengthOk) {
      strength = Optional.of(StrengthEstimator.estimate(nfkc, words.stream().map(PasswordContext.Word::text).toList()));
    }
    return new PolicyResult(out, strength);
  }

  /**
   * Screens the NFKC form, which is what is hashed, and the raw form when it differs, because
   * breach corpora (HIBP) hash what people typed.
   */
  private void screen(String raw, String nfkc, List<PolicyViolation> out) {
    boolean unavailable = false;
    for (PasswordScreen screen : screens) {
      ScreenVerdict v = screen.screen(nfkc);
      if (v == ScreenVerdict.NOT_FOUND && !raw.equals(nfkc)) {
        v = screen.screen(raw);
      }
      switch (v) {
        case FOUND -> {
          out.add(new PolicyViolation(ReasonCode.BREACHED,
              "this password appears in a list of breached or common passwords; choose another"));
          return;
        }
        case UNAVAILABLE -> unavailable = true;
        case NOT_FOUND -> {}
      }
    }
    if (unavailable) {
      out.add(new PolicyViolation(ReasonCode.SCREENING_UNAVAILABLE,
          "the breached-password check is unavailable; try again later"));
    }
  }

  /** Cc (control), Cs (an unpaired surrogate) and Cn (unassigned) are refused; Cf (joiners) is not. */
  private static boolean hasUnsupported(int[] cps) {
    for (int cp : cps) {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED) {
        return true;
      }
    }
    return false;
  }

  private static PolicyViolation tooLong() {
    return new PolicyViolation(ReasonCode.TOO_LONG, "use at most " + MAX_LENGTH_CODE_POINTS + " characters");
  }

  /** Configures a {@link PasswordPolicy}; starts from the NIST defaults. Not thread-safe. */
  public static final class Builder {
    private final List<PasswordScreen> screens = new ArrayList<>(List.of(CommonPasswords.withDictionaryWords()));
    private final List<PasswordContext.Word> serviceWords = new ArrayList<>();
    private boolean strengthEstimate = true;

    private Builder() {}

    /** The name of the service, which passwords must not contain (NIST lists it as context). */
    public Builder serviceName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("service name must not be blank");
      }
      serviceWords.add(new PasswordContext.Word(name, PasswordContext.Source.SERVICE));
      return this;
    }

    /** Adds a breached-password screen (a {@code BreachedFilter}, a {@code PwnedPasswordsClient}...). */
    public Builder addScreen(PasswordScreen screen) {
      screens.add(Objects.requireNonNull(screen, "screen"));
      return this;
    }

    /**
     * Drops the default zxcvbn common-password list, for deployments whose own screen (a full HIBP
     * filter) already covers it. Without any screen, common passwords are accepted.
     */
    public Builder insecureWithoutCommonPasswordList() {
      screens.remove(CommonPasswords.withDictionaryWords());
      return this;
    }

    /** Skips zxcvbn's estimate (it costs about a millisecond per check); it is guidance only. */
    public Builder withoutStrengthEstimate() {
      strengthEstimate = false;
      return this;
    }

    /** The policy. */
    public PasswordPolicy build() {
      return new PasswordPolicy(this);
    }
  }
}
