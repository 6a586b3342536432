package dev.bulwark.bench.password;

import dev.bulwark.auth.password.PasswordHasher;
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
 * {@link Argon2Benchmark} with the native path forced off ({@code -Dbulwark.argon2.native=false}):
 * Bouncy Castle's pure-Java Argon2, lanes one after another. What a host without the libraries, or
 * without {@code --enable-native-access}, gets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dbulwark.argon2.native=false"})
@State(Scope.Benchmark)
public class Argon2BouncyCastleBenchmark {
  /** {@code m,t,p}: the RFC 9106 default and the OWASP minimum. */
  @Param({"65536,3,4", "19456,2,1"})
  public String profile;

  private PasswordHasher hasher;
  private final char[] password = "correct horse battery staple".toCharArray();

  /** A hasher for the profile; prints which Argon2 implementation this JVM chose. */
  @Setup
  public void setUp() {
    hasher = Argon2Benchmark.hasherFor(profile);
    System.out.println("# argon2 implementation: " + PasswordHasher.argon2Implementation());
  }

  /** One hash with Bouncy Castle. */
  @Benchmark
  public String hash() {
    return hasher.hash(password);
  }
}
