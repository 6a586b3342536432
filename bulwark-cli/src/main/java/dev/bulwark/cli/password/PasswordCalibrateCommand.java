package dev.bulwark.cli.password;

import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.VerificationLimits;
import dev.bulwark.cli.CliException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark password calibrate}: picks Argon2id parameters for this host ({@link
 * PasswordHasher#calibrate}: memory first, then passes, never below the OWASP minimum), times a real
 * hash with them, and prints them with the settings to paste. Takes no secret: it hashes a fixed
 * dummy password.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Choose Argon2id parameters for this host and print how to configure them.",
      "Most memory up to --memory-mib, then most passes within --target-ms per hash;",
      "never below OWASP's minimum (m=19 MiB, t=2, p=1). Run it on the production host."
    })
public final class PasswordCalibrateCommand implements Callable<Integer> {
  private static final int MIN_TARGET_MS = 10;
  private static final int MAX_TARGET_MS = 10_000;
  private static final int MIN_MEMORY_MIB = 19;
  private static final int TIMED_RUNS = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--target-ms",
      paramLabel = "MS",
      defaultValue = "250",
      description = "Longest time one hash should take, in ms, 10 to 10000 (default: ${DEFAULT-VALUE}).")
  int targetMs;

  @Option(
      names = "--memory-mib",
      paramLabel = "MIB",
      defaultValue = "64",
      description = "Most memory one hash may use, in MiB, 19 to 256 (default: ${DEFAULT-VALUE}).")
  int memoryMib;

  @Override
  public Integer call() {
    int maxMemoryMib = VerificationLimits.defaults().maxArgon2MemoryKiB() / 1024;
    if (targetMs < MIN_TARGET_MS || targetMs > MAX_TARGET_MS) {
      throw CliException.usage("--target-ms must be " + MIN_TARGET_MS + " to " + MAX_TARGET_MS);
    }
    if (memoryMib < MIN_MEMORY_MIB || memoryMib > maxMemoryMib) {
      // Above the default verification limit, the hashes would not verify without raising it.
      throw CliException.usage("--memory-mib must be " + MIN_MEMORY_MIB + " to " + maxMemoryMib
          + " (the default verification limit)");
    }
    Argon2Parameters p = PasswordHasher.calibrate(Duration.ofMillis(targetMs), memoryMib * 1024);
    Duration measured = timeOneHash(p);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Argon2id for this host (target %d ms, at most %d MiB):%n", targetMs, memoryMib);
    out.printf(Locale.ROOT, "  m=%d,t=%d,p=%d   one hash: %d ms (fastest of %d)%n", p.memoryKiB(), p.iterations(),
        p.parallelism(), measured.toMillis(), TIMED_RUNS);
    out.printf(Locale.ROOT, "  implementation: %s%n", PasswordHasher.argon2Implementation());
    out.println("Configure:");
    out.printf(Locale.ROOT, "  Java:   PasswordPolicy.builder().argon2(new Argon2Parameters(%d, %d, %d)).build()%n",
        p.memoryKiB(), p.iterations(), p.parallelism());
    out.printf(Locale.ROOT, "  PHC:    new hashes start $argon2id$v=19$m=%d,t=%d,p=%d$%n", p.memoryKiB(),
        p.iterations(), p.parallelism());
    out.println("  Stored hashes with other parameters still verify and report 'needs rehash'.");
    if (measured.toMillis() > targetMs) {
      out.printf(Locale.ROOT, "Note: over the target; this host is too slow (or too busy) for more than the minimum.%n");
    }
    return 0;
  }

  /**
   * The fastest of a few real hashes through the public API. The password is a fixed dummy (cost
   * does not depend on it); each hash draws its own random salt.
   */
  private static Duration timeOneHash(Argon2Parameters p) {
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.builder().argon2(p).build());
    char[] password = "calibration-dummy-password".toCharArray();
    long best = Long.MAX_VALUE;
    for (int run = 0; run < TIMED_RUNS; run++) {
      long start = System.nanoTime();
      hasher.hash(password);
      best = Math.min(best, System.nanoTime() - start);
    }
    return Duration.ofNanos(best);
  }
}
