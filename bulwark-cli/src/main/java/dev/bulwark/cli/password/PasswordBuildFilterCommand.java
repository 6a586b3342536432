package dev.bulwark.cli.password;

import dev.bulwark.auth.breached.BreachedFilter;
import dev.bulwark.auth.breached.BreachedFilterBuilder;
import dev.bulwark.auth.breached.CorpusFormat;
import dev.bulwark.auth.breached.FilterFormatException;
import dev.bulwark.cli.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark password build-filter}: builds a breached-password filter file from a HIBP
 * {@code SHA1:count} corpus or a plain list. The output appears complete or not at all: it is
 * written to a temporary file beside it and moved into place.
 */
@Command(
    name = "build-filter",
    mixinStandardHelpOptions = true,
    description = {
      "Build a breached-password filter (Bloom, SHA-1 keys) from a Have I Been Pwned SHA1:count",
      "file or a plain list (one password per line). About 1.8 bytes per entry at the default",
      "0.1 % false-positive rate (1.8 GB per billion). See docs/password-policy.md."
    })
public final class PasswordBuildFilterCommand implements Callable<Integer> {
  /** Input formats on the command line. */
  enum Format {
    auto(CorpusFormat.AUTO),
    hibp(CorpusFormat.HIBP_SHA1),
    plain(CorpusFormat.PLAIN);

    private final CorpusFormat format;

    Format(CorpusFormat format) {
      this.format = format;
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--in", paramLabel = "FILE", required = true, description = "The corpus (UTF-8 text).")
  Path in;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The filter file to write.")
  Path out;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", description = "auto, hibp or plain (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--false-positive-rate",
      paramLabel = "P",
      defaultValue = "0.001",
      description = "Share of unbreached passwords refused by mistake, 1e-9..0.01 (default: ${DEFAULT-VALUE}).")
  double falsePositiveRate;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() {
    if (!(falsePositiveRate >= BreachedFilterBuilder.MIN_FALSE_POSITIVE_RATE
        && falsePositiveRate <= BreachedFilterBuilder.MAX_FALSE_POSITIVE_RATE)) {
      throw CliException.usage("--false-positive-rate must be between 1e-9 and 0.01");
    }
    if (!Files.isRegularFile(in)) {
      throw CliException.usage("--in " + in.getFileName() + ": no such file");
    }
    if (Files.exists(out) && !force) {
      throw CliException.usage("--out " + out.getFileName() + " exists (use --force to replace it)");
    }
    BreachedFilter filter;
    try {
      filter = BreachedFilterBuilder.fromCorpus(in, format.format, falsePositiveRate);
    } catch (FilterFormatException e) {
      throw CliException.usage(in.getFileName() + ": " + e.getMessage());
    }
    Path dir = out.toAbsolutePath().getParent();
    if (dir == null) {
      throw CliException.usage("--out must name a file, not a file system root");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".bwbf-", ".tmp");
      try (OutputStream o = Files.newOutputStream(tmp)) {
        filter.writeTo(o);
      }
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw CliException.usage("cannot write --out " + out.getFileName());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the temporary file holds only hashes from the corpus.
        }
      }
    }
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "%s: %d entries, %d bytes, k=%d, expected false-positive rate %.4f %%", out.getFileName(), filter.entries(),
        filter.bitCount() / 8 + 64, filter.hashCount(), filter.expectedFalsePositiveRate() * 100));
    return 0;
  }
}
