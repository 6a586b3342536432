package dev.bulwark.bench.jwt;

import dev.bulwark.auth.jwt.InvalidTokenException;
import dev.bulwark.auth.jwt.JwtSigningKey;
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

/** {@link JwtVerifier#verify}: the whole verification (JWS, header policy, claims) per algorithm. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JwtVerifyBenchmark {
  @Param({"HS256", "EdDSA", "ES256", "PS256", "RS256", "ML-DSA-65"})
  public String alg;

  private JwtVerifier verifier;
  private String token;

  /** One key, one token, one verifier; the measured call verifies the same token again and again. */
  @Setup
  public void setUp() throws CryptoException {
    JwtSigningKey key = JwtSigningKey.generate(JwtBenchmarkTokens.algorithm(alg), "bench");
    token = JwtBenchmarkTokens.token(key);
    verifier = JwtVerifier.builder(key.verificationKey())
        .requireIssuer(JwtBenchmarkTokens.ISSUER).requireAudience(JwtBenchmarkTokens.AUDIENCE).build();
  }

  /** Bulwark's verifier. */
  @Benchmark
  public VerifiedJwt bulwark() throws InvalidTokenException {
    return verifier.verify(token);
  }
}
