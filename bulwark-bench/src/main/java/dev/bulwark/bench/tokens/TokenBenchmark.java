package dev.bulwark.bench.tokens;

import dev.bulwark.crypto.tokens.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * Random 32-byte tokens through {@link SecureTokens} against the bar of PERF-TARGETS.md: the JDK's
 * own DRBG filling 32 bytes (goal ≥0.9×).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TokenBenchmark {
  private SecureRandom jdkDrbg;
  private final SecureTokens tokens = SecureTokens.system();

  /** Instantiates the bar's DRBG with the same parameters SecureTokens uses. */
  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    jdkDrbg =
        SecureRandom.getInstance(
            "DRBG",
            DrbgParameters.instantiation(
                256, DrbgParameters.Capability.RESEED_ONLY, "bench".getBytes(StandardCharsets.US_ASCII)));
  }

  /** The bar: 32 bytes straight from a JDK DRBG. */
  @Benchmark
  public byte[] jdkDrbg32Bytes() {
    byte[] out = new byte[32];
    jdkDrbg.nextBytes(out);
    return out;
  }

  /** Ours: 32 random bytes through the public API. */
  @Benchmark
  public byte[] bulwarkBytes32() {
    return tokens.bytes(32);
  }

  /** Ours: a 32-byte URL-safe token (bytes + encoding), what callers actually use. */
  @Benchmark
  public String bulwarkUrlSafe32() {
    return tokens.urlSafe(32);
  }
}
