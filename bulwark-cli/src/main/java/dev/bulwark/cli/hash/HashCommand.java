package dev.bulwark.cli.hash;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark hash}: digests of files in the {@code sha256sum} line format, and {@code --check}
 * of such a list. Every named file is checked to be readable before anything is printed, so an
 * input error (exit 2) never leaves a partial listing.
 */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Print a digest per FILE as '<hex>  <name>' (sha256sum format; '-' or no FILE means stdin),",
      "or with --check verify a list of such lines: '<file>: OK' or '<file>: FAILED', exit 1 on any mismatch."
    })
public final class HashCommand implements Callable<Integer> {
  private static final Map<String, DigestAlgorithm> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("sha256", DigestAlgorithm.SHA256);
    NAMES.put("sha512", DigestAlgorithm.SHA512);
    NAMES.put("sha3-256", DigestAlgorithm.SHA3_256);
    NAMES.put("sha3-512", DigestAlgorithm.SHA3_512);
    NAMES.put("blake2b-256", DigestAlgorithm.BLAKE2B_256);
    NAMES.put("blake2b-512", DigestAlgorithm.BLAKE2B_512);
  }

  /** A checksum list longer than this is not a checksum list. */
  private static final int MAX_LIST_BYTES = 16 * 1024 * 1024;

  private static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Option(
      names = "--alg",
      paramLabel = "ALG",
      defaultValue = "sha256",
      description = "sha256 (default), sha512, sha3-256, sha3-512, blake2b-256 or blake2b-512.")
  String algorithmName;

  @Option(names = "--check", paramLabel = "LIST", description = "Verify the '<hex>  <file>' lines in LIST ('-': stdin).")
  String checkList;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to hash ('-': stdin).")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    DigestAlgorithm algorithm = NAMES.get(algorithmName.toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new ParameterException(spec.commandLine(), "--alg must be one of " + String.join(", ", NAMES.keySet()));
    }
    if (checkList != null) {
      if (!files.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--check takes the list only, not FILE arguments");
      }
      return check(algorithm);
    }
    List<String> names = files.isEmpty() ? List.of(STDIN) : files;
    names.forEach(HashCommand::requireReadable);
    PrintWriter out = spec.commandLine().getOut();
    for (String name : names) {
      out.print(ChecksumLine.format(HexFormat.of().formatHex(digest(algorithm, name)), name));
    }
    out.flush();
    return 0;
  }

  private int check(DigestAlgorithm algorithm) {
    byte[] list;
    if (STDIN.equals(checkList)) {
      list = Stdio.current().readAll(MAX_LIST_BYTES, "checksum list");
    } else {
      requireReadable(checkList);
      try {
        if (Files.size(path(checkList)) > MAX_LIST_BYTES) {
          throw CliException.usage("checksum list " + checkList + " is longer than " + MAX_LIST_BYTES + " bytes");
        }
        list = Files.readAllBytes(path(checkList));
      } catch (IOException e) {
        throw CliException.usage("cannot read " + checkList);
      }
    }
    List<ChecksumLine> lines = ChecksumLine.parseAll(new String(list, StandardCharsets.UTF_8), algorithm.digestSizeBytes(), checkList);
    for (ChecksumLine line : lines) {
      if (STDIN.equals(line.name()) && STDIN.equals(checkList)) {
        throw CliException.usage("the list is read from stdin, so it cannot name '-'");
      }
      requireReadable(line.name());
    }
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    for (ChecksumLine line : lines) {
      boolean ok = ConstantTime.equals(digest(algorithm, line.name()), line.digest());
      out.print(ChecksumLine.escapeIfNeeded(line.name()) + (ok ? ": OK" : ": FAILED") + "\n");
      failed += ok ? 0 : 1;
    }
    out.flush();
    if (failed > 0) {
      throw CliException.negative(failed + " of " + lines.size() + " computed checksums did NOT match");
    }
    return 0;
  }

  private static byte[] digest(DigestAlgorithm algorithm, String name) {
    try {
      return STDIN.equals(name)
          ? Digests.digest(algorithm, Stdio.current().in())
          : Digests.digest(algorithm, path(name));
    } catch (IOException e) {
      throw CliException.usage("cannot read " + (STDIN.equals(name) ? "stdin" : name));
    }
  }

  private static void requireReadable(String name) {
    if (STDIN.equals(name)) {
      return;
    }
    Path path = path(name);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw CliException.usage("cannot read " + name + " (no such file, or not a readable regular file)");
    }
  }

  // Reading the files its user names is this command's purpose; the user has the same access anyway.
  private static Path path(String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw CliException.usage("not a valid file name: " + ChecksumLine.escapeIfNeeded(name));
    }
  }
}
