package dev.bulwark.bench.password;

import dev.bulwark.auth.password.PasswordAlgorithm;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One bcrypt {@link PasswordHasher#hash} at the policy's default cost (Bouncy Castle's
 * {@code OpenBSDBCrypt}, {@code $2b$}). Bar: PyCA bcrypt's {@code hashpw} at the same cost
 * (bulwark-bench/password-compare), goal ≤ 1.15×.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BcryptBenchmark {
  private PasswordHasher hasher;
  private final char[] password = "correct horse battery staple".toCharArray();

  /** A bcrypt hasher at the default cost. */
  @Setup
  public void setUp() {
    hasher = PasswordHasher.create(PasswordPolicy.builder().algorithm(PasswordAlgorithm.BCRYPT).build());
    System.out.println("# bcrypt cost: " + hasher.policy().bcryptCost());
  }

  /** One hash at the default cost. */
  @Benchmark
  public String hash() {
    return hasher.hash(password);
  }
}
