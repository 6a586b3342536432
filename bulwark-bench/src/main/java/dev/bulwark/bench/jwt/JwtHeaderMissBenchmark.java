package dev.bulwark.bench.jwt;

import dev.bulwark.auth.jwt.InvalidTokenException;
import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.jwt.JwtVerificationKey;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.crypto.CryptoException;
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
 * {@link JwtVerifier#verify} when the token's header is one the verifier has not remembered: tokens
 * signed by more keys (one {@code kid} each) than a verifier keeps headers for, taken in turn, so
 * every header is decoded, parsed and checked again. The gap to {@link JwtVerifyBenchmark} is what
 * the header cache saves (see docs/jwt.md, "Performance").
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JwtHeaderMissBenchmark {
  /** More distinct headers than a verifier remembers (16), so that the cycle always misses. */
  private static final int KEYS = 40;

  @Param({"HS256"})
  public String alg;

  private JwtVerifier verifier;
  private String[] tokens;
  private int next;

  /** {@value #KEYS} keys with distinct kids, one token each, one verifier over all of them. */
  @Setup
  public void setUp() throws CryptoException {
    JwtAlgorithm algorithm = JwtBenchmarkTokens.algorithm(alg);
    JwtVerificationKey[] keys = new JwtVerificationKey[KEYS];
    tokens = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      JwtSigningKey key = JwtSigningKey.generate(algorithm, "bench-" + i);
      keys[i] = key.verificationKey();
      tokens[i] = JwtBenchmarkTokens.token(key);
    }
    verifier = JwtVerifier.builder(keys)
        .requireIssuer(JwtBenchmarkTokens.ISSUER).requireAudience(JwtBenchmarkTokens.AUDIENCE).build();
  }

  /** Bulwark's verifier, header not remembered. */
  @Benchmark
  public VerifiedJwt bulwarkHeaderMiss() throws InvalidTokenException {
    String token = tokens[next];
    next = next + 1 == KEYS ? 0 : next + 1;
    return verifier.verify(token);
  }
}
