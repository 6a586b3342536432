package dev.bulwark.cli.token;

import dev.bulwark.crypto.tokens.ApiKeys;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bulwark token}: random tokens and API keys on stdout, one per line. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Print a new random token (from the JDK's DRBG at 256-bit strength).")
public final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose urlsafe, hex or api-key (see --help)");
  }

  @Command(
      name = "urlsafe",
      mixinStandardHelpOptions = true,
      description = "N random bytes as URL-safe base64 without padding (32 bytes → 43 characters).")
  int urlsafe(
      @Option(
              names = "--bytes",
              paramLabel = "N",
              defaultValue = "32",
              description = "Random bytes, 1 to 1024 (default: ${DEFAULT-VALUE}).")
          int bytes) {
    return print("urlsafe", bytes, SecureTokens.system()::urlSafe);
  }

  @Command(
      name = "hex",
      mixinStandardHelpOptions = true,
      description = "N random bytes as lower-case hex (32 bytes → 64 characters).")
  int hex(
      @Option(
              names = "--bytes",
              paramLabel = "N",
              defaultValue = "32",
              description = "Random bytes, 1 to 1024 (default: ${DEFAULT-VALUE}).")
          int bytes) {
    return print("hex", bytes, SecureTokens.system()::hex);
  }

  @Command(
      name = "api-key",
      mixinStandardHelpOptions = true,
      description = {
        "A new Bulwark API key: bwk_ + 32 random bytes in base62 + a 6-character checksum.",
        "Show it once to its owner; store only its SHA-256."
      })
  int apiKey() {
    spec.commandLine().getOut().println(ApiKeys.generate().insecureValue());
    return 0;
  }

  /** Checks --bytes (one usage line naming the subcommand), then prints one token. */
  private int print(String subcommand, int bytes, IntFunction<String> encoder) {
    if (bytes < 1 || bytes > SecureTokens.MAX_BYTES) {
      throw new ParameterException(
          spec.commandLine().getSubcommands().get(subcommand),
          "--bytes must be 1 to " + SecureTokens.MAX_BYTES + ", got " + bytes);
    }
    spec.commandLine().getOut().println(encoder.apply(bytes));
    return 0;
  }
}
