package dev.bulwark.cli.password;

import dev.bulwark.auth.breached.BreachedFilter;
import dev.bulwark.auth.breached.FilterFormatException;
import dev.bulwark.auth.policy.PasswordContext;
import dev.bulwark.auth.policy.PasswordPolicy;
import dev.bulwark.auth.policy.PolicyResult;
import dev.bulwark.auth.policy.PolicyViolation;
import dev.bulwark.auth.policy.StrengthEstimate;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * arguments or output.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Read one password on stdin (one trailing newline removed) and check it against the NIST",
      "SP 800-63B-4 policy: 15+ characters (8+ with --mfa), at most 256, not breached or common,",
      "no user context words, not trivially repetitive or sequential. No composition rules.",
      "Exit 0 acceptable, 1 rejected, 2 usage error."
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

  @Override
  public Integer call() {
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
