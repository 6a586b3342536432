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
 * encoding) in the two issue-4 profiles, with native access granted: libargon2's threaded lanes for
 * p = 4, libsodium for p = 1 when they load and pass their self-test (the setup prints which ran).
 * Bars (bulwark-bench/password-compare): the reference C library at m = 64 MiB, t = 3, p = 4
 * (goal ≤ 1.1×) and libsodium at m = 19 MiB, t = 2, p = 1 (goal ≤ 1.3×).
 * {@link Argon2BouncyCastleBenchmark} is the same with the native path switched off.
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

  private PasswordHasher hasher;
  private final char[] password = "correct horse battery staple".toCharArray();

  /** A hasher for the profile; prints which Argon2 implementation this JVM chose. */
  @Setup
  public void setUp() {
    hasher = hasherFor(profile);
    System.out.println("# argon2 implementation: " + PasswordHasher.argon2Implementation());
  }

  /** One hash: what a registration or a password change costs the server. */
  @Benchmark
  public String hash() {
    return hasher.hash(password);
  }

  static PasswordHasher hasherFor(String profile) {
    String[] mtp = profile.split(",");
    Argon2Parameters p =
        new Argon2Parameters(Integer.parseInt(mtp[0]), Integer.parseInt(mtp[1]), Integer.parseInt(mtp[2]));
    return PasswordHasher.create(PasswordPolicy.builder().argon2(p).build());
  }
}
