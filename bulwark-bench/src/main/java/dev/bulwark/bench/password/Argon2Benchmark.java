package dev.bulwark.bench.password;

import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Argon2id {@link PasswordHasher#hash} (NFKC, UTF-8, 16-byte random salt, 32-byte tag, PHC
 * encoding) in the two issue-4 profiles, with native access granted. {@code engine=native}:
 * libargon2's threaded lanes for p = 4, libsodium for p = 1 when they load and pass their self-test;
 * {@code engine=bouncycastle}: the pure-Java fallback, forced with {@code bulwark.argon2.native=false}
 * (the choice is made once per JVM, and JMH forks a JVM per parameter combination). The setup
 * prints which implementation ran. Bars (bulwark-bench/password-compare): the reference C library
 * at m = 64 MiB, t = 3, p = 4 (goal ≤ 1.1×) and libsodium at m = 19 MiB, t = 2, p = 1 (goal ≤ 1.3×).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class Argon2Benchmark {
  /** {@code m,t,p}: the RFC 9106 default and the OWASP minimum. */
  @Param({"65536,3,4", "19456,2,1"})
  public String profile;

  /** {@code native} (the libraries when they pass their self-test) or {@code bouncycastle}. */
  @Param({"native", "bouncycastle"})
  public String engine;

  private PasswordHasher hasher;
  private final char[] password = "correct horse battery staple".toCharArray();

  /** Fixes the engine before the first hash, then a hasher for the profile; prints which engine runs. */
  @Setup
  public void setUp() {
    System.setProperty("bulwark.argon2.native", engine.equals("native") ? "true" : "false");
    hasher = hasherFor(profile);
    System.out.println("# argon2 implementation: " + PasswordHasher.argon2Implementation());
  }

  /** One hash: what a registration or a password change costs the server. */
  @Benchmark
  public String hash() {
    return hasher.hash(password);
  }

  private static PasswordHasher hasherFor(String profile) {
    String[] mtp = profile.split(",");
    Argon2Parameters p =
        new Argon2Parameters(Integer.parseInt(mtp[0]), Integer.parseInt(mtp[1]), Integer.parseInt(mtp[2]));
    return PasswordHasher.create(PasswordPolicy.builder().argon2(p).build());
  }
}
