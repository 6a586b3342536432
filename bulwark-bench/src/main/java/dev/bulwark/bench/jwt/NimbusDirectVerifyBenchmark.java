package dev.bulwark.bench.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.crypto.CryptoException;
import java.text.ParseException;
import java.util.Set;
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
 * The same verification called on nimbus-jose-jwt directly (parse, nimbus's own verifier, claims set,
 * {@link DefaultJWTClaimsVerifier} for iss/aud/exp): the bar for our wrapper's overhead. EdDSA and
 * ML-DSA-65 are absent because nimbus has no verifier for them without Tink.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NimbusDirectVerifyBenchmark {
  @Param({"HS256", "ES256", "PS256", "RS256"})
  public String alg;

  private JWSVerifier verifier;
  private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
  private String token;

  /** The same key and token shape as {@link JwtVerifyBenchmark}, handed to nimbus's own classes. */
  @Setup
  public void setUp() throws CryptoException, ParseException, JOSEException {
    JwtSigningKey key = JwtSigningKey.generate(JwtBenchmarkTokens.algorithm(alg), "bench");
    token = JwtBenchmarkTokens.token(key);
    String jwk = key.insecureExportPrivateJwk();
    verifier =
        switch (alg) {
          case "HS256" -> new MACVerifier(OctetSequenceKey.parse(jwk).toByteArray());
          case "ES256" -> new ECDSAVerifier(ECKey.parse(jwk).toECPublicKey());
          default -> new RSASSAVerifier(RSAKey.parse(jwk).toRSAPublicKey());
        };
    claimsVerifier =
        new DefaultJWTClaimsVerifier<>(
            JwtBenchmarkTokens.AUDIENCE,
            new JWTClaimsSet.Builder().issuer(JwtBenchmarkTokens.ISSUER).build(),
            Set.of("exp"));
  }

  /** nimbus alone. */
  @Benchmark
  public JWTClaimsSet nimbus() throws ParseException, JOSEException, BadJWTException {
    SignedJWT jwt = SignedJWT.parse(token);
    if (!jwt.verify(verifier)) {
      throw new IllegalStateException("benchmark token did not verify");
    }
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    claimsVerifier.verify(claims, null);
    return claims;
  }
}
