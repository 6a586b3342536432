package dev.bulwark.cli.password;

import dev.bulwark.auth.password.PasswordAlgorithm;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.auth.password.RehashReason;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import dev.bulwark.crypto.CryptoException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark password}: hash a password read on stdin as a PHC string, verify one, check one
 * against the policy, build a breached-password filter, calibrate Argon2id. The password is never
 * an argument (it would show in {@code ps} and shell history).
 */
@Command(
    name = "password",
    mixinStandardHelpOptions = true,
    subcommands = {PasswordCheckCommand.class, PasswordBuildFilterCommand.class, PasswordCalibrateCommand.class},
    description = {
      "Hash, verify or check a password; build a breached-password filter; calibrate Argon2id.",
      "The password is read on stdin (one trailing newline removed), never an argument."
    })
public final class PasswordCommand implements Runnable {
  /** Longest stdin accepted: {@link PasswordHasher#MAX_PASSWORD_CHARS} chars of up to 4 bytes. */
  private static final int MAX_STDIN_BYTES = PasswordHasher.MAX_PASSWORD_CHARS * 4 + 2;

  /** The algorithms {@code hash} offers. */
  enum Algorithm {
    argon2id(PasswordAlgorithm.ARGON2ID),
    bcrypt(PasswordAlgorithm.BCRYPT),
    scrypt(PasswordAlgorithm.SCRYPT);

    private final PasswordAlgorithm algorithm;

    Algorithm(PasswordAlgorithm algorithm) {
      this.algorithm = algorithm;
    }
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose a subcommand: hash, verify, check, build-filter or calibrate (see --help)");
  }

  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = {
        "Read a password on stdin and print its PHC string.",
        "Defaults: Argon2id m=64 MiB, t=3, p=4 (RFC 9106); bcrypt cost 12; scrypt N=2^17, r=8, p=1."
      })
  int hash(
      @Option(
              names = "--algorithm",
              paramLabel = "ALG",
              defaultValue = "argon2id",
              description = "argon2id, bcrypt or scrypt (default: ${DEFAULT-VALUE}).")
          Algorithm algorithm) {
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.builder().algorithm(algorithm.algorithm).build());
    char[] password = readPassword();
    try {
      spec.commandLine().getOut().println(hasher.hash(password));
      return 0;
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Read a password on stdin and check it against a stored hash.",
        "Prints 'match' (and whether the hash should be replaced under the default policy).",
        "Exit 0 match, 1 mismatch, 2 malformed or out-of-bounds hash."
      })
  int verify(
      @Option(names = "--hash", paramLabel = "PHC", required = true, description = "The stored hash.")
          String storedHash) {
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
    char[] password = readPassword();
    try {
      PasswordVerification result = hasher.verify(password, storedHash);
      if (!result.matches()) {
        throw CliException.negative("password does not match");
      }
      String rehash =
          result.rehashReasons().stream()
              .map(PasswordCommand::describe)
              .collect(Collectors.joining(", "));
      spec.commandLine().getOut().println(result.needsRehash() ? "match, needs rehash (" + rehash + ")" : "match");
      return 0;
    } catch (CryptoException e) {
      throw CliException.usage(e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Stdin as strict UTF-8, minus one trailing newline; the byte buffers are wiped. */
  private static char[] readPassword() {
    byte[] raw = Stdio.current().readAll(MAX_STDIN_BYTES, "password");
    int length = raw.length;
    if (length > 0 && raw[length - 1] == '\n') {
      length--;
      if (length > 0 && raw[length - 1] == '\r') {
        length--;
      }
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, 0, length));
      char[] password = new char[chars.remaining()];
      chars.get(password);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return password;
    } catch (CharacterCodingException e) {
      throw CliException.usage("the password on stdin is not valid UTF-8");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A rehash reason as printed: lower case, spaces ("truncated password"). */
  static String describe(RehashReason reason) {
    return switch (reason) {
      case ALGORITHM -> "algorithm";
      case PARAMETERS -> "parameters";
      case LENGTHS -> "lengths";
      case PEPPER -> "pepper";
      case TRUNCATED_PASSWORD -> "truncated password";
    };
  }
}
