package dev.bulwark.cli.fernet;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.fernet.Fernet;
import dev.bulwark.crypto.fernet.FernetKey;
import dev.bulwark.crypto.fernet.MultiFernet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark fernet}: Fernet keys and tokens, interoperable with PyCA {@code cryptography}. Keys
 * come only from files, plaintext and tokens only on stdin. A token that does not verify (tampered,
 * wrong key, expired, malformed) exits 1 with one line on stderr and nothing on stdout; an unusable
 * key file exits 2.
 */
@Command(
    name = "fernet",
    mixinStandardHelpOptions = true,
    description = "Fernet tokens (AES-128-CBC + HMAC-SHA256, the fernet/spec format used by PyCA).")
public final class FernetCommand implements Runnable {
  private static final int MAX_TOKEN_INPUT_BYTES = 4 * (Fernet.MAX_PLAINTEXT_BYTES / 3) + 4096;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose genkey, encrypt, decrypt or rotate (see --help)");
  }

  @Command(
      name = "genkey",
      mixinStandardHelpOptions = true,
      description = "Print a new random Fernet key (44 characters of URL-safe base64); store it in a file only you can read.")
  int genkey() {
    spec.commandLine().getOut().println(FernetKey.generate().insecureExportBase64());
    return 0;
  }

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = "Encrypt stdin (at most 16 MiB) and print the token.")
  int encrypt(
      @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "File holding the key.")
          Path keyFile) {
    Fernet fernet = Fernet.create(KeyFiles.read(keyFile));
    byte[] plaintext = Stdio.current().readAll(Fernet.MAX_PLAINTEXT_BYTES, "plaintext");
    try {
      spec.commandLine().getOut().println(fernet.encrypt(plaintext));
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
    return 0;
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Verify the token on stdin and write its plaintext bytes to stdout.")
  int decrypt(
      @Option(
              names = "--key-file",
              required = true,
              paramLabel = "FILE",
              description = "File holding a key; repeat to accept tokens under older keys too.")
          List<Path> keyFiles,
      @Option(
              names = "--ttl",
              paramLabel = "SECONDS",
              description = "Reject tokens older than this (and more than 60 s in the future).")
          Long ttlSeconds) {
    if (ttlSeconds != null && ttlSeconds < 0) {
      throw new ParameterException(spec.commandLine().getSubcommands().get("decrypt"), "--ttl must not be negative");
    }
    MultiFernet keys = keys(keyFiles);
    String token = readToken();
    byte[] plaintext;
    try {
      plaintext = ttlSeconds == null ? keys.decrypt(token) : keys.decrypt(token, Duration.ofSeconds(ttlSeconds));
    } catch (CryptoException e) {
      throw CliException.negative(e.getMessage());
    }
    try {
      Stdio.current().writeOut(plaintext);
    } catch (IOException e) {
      throw CliException.usage("cannot write the plaintext to stdout");
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
    return 0;
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Re-encrypt the token on stdin under the first key, keeping its timestamp.",
        "The other keys are the old keys the token may have been made with."
      })
  int rotate(
      @Option(
              names = "--key-file",
              required = true,
              paramLabel = "FILE",
              description = "First: the new key; then the old keys.")
          List<Path> keyFiles) {
    MultiFernet keys = keys(keyFiles);
    String token = readToken();
    try {
      spec.commandLine().getOut().println(keys.rotate(token));
    } catch (CryptoException e) {
      throw CliException.negative(e.getMessage());
    }
    return 0;
  }

  private static MultiFernet keys(List<Path> keyFiles) {
    List<Fernet> fernets = new ArrayList<>();
    for (Path file : keyFiles) {
      fernets.add(Fernet.create(KeyFiles.read(file)));
    }
    return MultiFernet.of(fernets);
  }

  /** The token on stdin, surrounding whitespace (a shell's trailing newline) removed. */
  private static String readToken() {
    byte[] input = Stdio.current().readAll(MAX_TOKEN_INPUT_BYTES, "token");
    // Non-ASCII bytes decode to U+FFFD, which the token decoder rejects.
    return new String(input, StandardCharsets.US_ASCII).strip();
  }
}
