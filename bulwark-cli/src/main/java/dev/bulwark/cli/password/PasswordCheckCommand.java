package dev.bulwark.cli.password;

import dev.bulwark.auth.breached.BreachedFilter;
import dev.bulwark.auth.breached.FailureMode;
import dev.bulwark.auth.breached.PasswordScreen;
import dev.bulwark.auth.breached.PwnedPasswordsClient;
import dev.bulwark.auth.breached.ScreenVerdict;
import dev.bulwark.auth.breached.FilterFormatException;
import dev.bulwark.auth.policy.PasswordContext;
import dev.bulwark.auth.policy.PasswordPolicy;
import dev.bulwark.auth.policy.PolicyResult;
import dev.bulwark.auth.policy.PolicyViolation;
import dev.bulwark.auth.policy.StrengthEstimate;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark password check}: the NIST SP 800-63B-4 policy on one password read on stdin. Prints
 * "acceptable" or "rejected", one {@code code: message} line per reason and zxcvbn's estimate;
 * exit 0 acceptable, 1 rejected, 2 usage or unreadable filter. The password never appears in
 * arguments or output. {@code --online} adds the Have I Been Pwned range API (k-anonymity), fail
 * closed: no answer in time rejects the password unless {@code --fail-open}, which says so on stderr.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check one password (read on stdin) against the NIST SP 800-63B-4 policy.",
      "15+ characters (8+ with --mfa), at most 256, not breached or common, no user context",
      "words, not trivially repetitive or sequential; no composition rules. One trailing",
      "newline is removed. Exit 0 acceptable, 1 rejected, 2 usage error."
    })
public final class PasswordCheckCommand implements Callable<Integer> {
  /** Generous: the policy itself reports TOO_LONG past 256 code points; this only bounds memory. */
  private static final int MAX_STDIN_BYTES = 16 * 1024;

  @Spec CommandSpec spec;

  @Option(names = "--mfa", description = "The password is one factor of multi-factor authentication (minimum 8).")
  boolean mfa;

  @Option(names = "--username", paramLabel = "NAME", description = "The user name, which the password must not contain.")
  String username;

  @Option(names = "--email", paramLabel = "ADDRESS", description = "The e-mail address, which the password must not contain.")
  String email;

  @Option(names = "--service", paramLabel = "NAME", description = "The service name, which the password must not contain.")
  String service;

  @Option(
      names = "--filter",
      paramLabel = "FILE",
      description = "A breached-password filter from 'bulwark password build-filter' (repeatable).")
  List<Path> filters = List.of();

  @Option(
      names = "--online",
      description =
          "Also ask the Have I Been Pwned range API (k-anonymity: only the first 5 hex digits of the"
              + " password's SHA-1 leave this host). No answer in time rejects the password"
              + " (screening_unavailable) unless --fail-open.")
  boolean online;

  @Option(
      names = "--fail-open",
      description =
          "With --online: accept the password unscreened when the service cannot answer (a warning goes"
              + " to stderr). Whoever can block or slow the request can then turn the check off.")
  boolean failOpen;

  @Option(
      names = "--range-url",
      paramLabel = "URL",
      description = "With --online: a mirror of the range API (https; http only on loopback).")
  URI rangeUrl;

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "With --online: the whole request's deadline in ms, 1 to 30000 (default: ${DEFAULT-VALUE}).")
  int timeoutMs;

  @Override
  public Integer call() {
    if (!online && (failOpen || rangeUrl != null)) {
      throw CliException.usage("--fail-open and --range-url apply only with --online");
    }
    PasswordPolicy.Builder builder = PasswordPolicy.builder();
    if (service != null) {
      builder.serviceName(service);
    }
    for (Path file : filters) {
      try {
        builder.addScreen(BreachedFilter.load(file));
      } catch (FilterFormatException e) {
        throw CliException.usage(file.getFileName() + ": " + e.getMessage());
      }
    }
    OnlineScreen onlineScreen = online ? onlineScreen(builder) : null;
    PasswordContext context = mfa ? PasswordContext.multiFactor() : PasswordContext.singleFactor();
    if (username != null) {
      context = context.withUsername(username);
    }
    if (email != null) {
      context = context.withEmail(email);
    }
    PolicyResult result;
    try {
      result = builder.build().check(readPassword(), context);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    if (onlineScreen != null && onlineScreen.unanswered()) {
      spec.commandLine().getErr().println(
          "warning: the range API did not answer; the password was accepted without the online check (--fail-open)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(result.acceptable() ? "acceptable" : "rejected");
    for (PolicyViolation v : result.violations()) {
      out.println(v.reason().code() + ": " + v.message());
    }
    result.strength().ifPresent(s -> out.println(describe(s)));
    if (!result.acceptable()) {
      throw CliException.negative("password rejected ("
          + result.violations().stream().map(v -> v.reason().code()).collect(Collectors.joining(", ")) + ")");
    }
    return 0;
  }

  /** Adds the range API client to {@code builder}; usage errors for flags that make no sense. */
  private OnlineScreen onlineScreen(PasswordPolicy.Builder builder) {
    if (timeoutMs < 1 || timeoutMs > PwnedPasswordsClient.MAX_TIMEOUT.toMillis()) {
      throw CliException.usage("--timeout-ms must be 1 to " + PwnedPasswordsClient.MAX_TIMEOUT.toMillis());
    }
    // The client always fails closed; --fail-open is applied here, so that the CLI can say so.
    PwnedPasswordsClient.Builder client =
        PwnedPasswordsClient.builder().timeout(Duration.ofMillis(timeoutMs)).failureMode(FailureMode.FAIL_CLOSED);
    if (rangeUrl != null) {
      try {
        client.baseUri(rangeUrl);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--range-url: " + e.getMessage());
      }
    }
    OnlineScreen screen = new OnlineScreen(client.build(), failOpen);
    builder.addScreen(screen);
    return screen;
  }

  /** The range API, with --fail-open turning UNAVAILABLE into NOT_FOUND and remembering it did. */
  private static final class OnlineScreen implements PasswordScreen {
    private final PwnedPasswordsClient client;
    private final boolean failOpen;
    private volatile boolean unanswered;

    OnlineScreen(PwnedPasswordsClient client, boolean failOpen) {
      this.client = client;
      this.failOpen = failOpen;
    }

    @Override
    public ScreenVerdict screen(CharSequence password) {
      ScreenVerdict verdict = client.screen(password);
      if (verdict == ScreenVerdict.UNAVAILABLE && failOpen) {
        unanswered = true;
        return ScreenVerdict.NOT_FOUND;
      }
      return verdict;
    }

    boolean unanswered() {
      return unanswered;
    }
  }

  private static String describe(StrengthEstimate s) {
    return String.format(Locale.ROOT, "strength: %d/4 (about 10^%.1f guesses)%s", s.score(), s.guessesLog10(),
        s.warning().map(w -> ": " + w).orElse(""));
  }

  /** Stdin as strict UTF-8 text, minus one trailing LF or CRLF; the raw bytes are wiped. */
  private static String readPassword() {
    byte[] raw = Stdio.current().readAll(MAX_STDIN_BYTES, "password");
    try {
      int end = raw.length;
      if (end > 0 && raw[end - 1] == '\n') {
        end -= end > 1 && raw[end - 2] == '\r' ? 2 : 1;
      }
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw, 0, end))
          .toString();
    } catch (CharacterCodingException e) {
      throw CliException.usage("the password on stdin is not valid UTF-8");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
