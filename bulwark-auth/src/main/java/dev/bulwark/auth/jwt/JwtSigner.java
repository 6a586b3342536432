package dev.bulwark.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.crypto.CryptoException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Issues JWS compact JWTs under one {@link JwtSigningKey}: header {@code {"alg", "typ":"JWT", "kid"}},
 * {@code iat} set to the signing time unless the claims carry one. nimbus-jose-jwt assembles the
 * token; the signature comes from bulwark-crypto (Ed25519 on Bouncy Castle, ML-DSA-65 on the JDK's
 * {@code SUN} provider, ...) through a {@link JWSSigner} adapter. Thread-safe.
 *
 * {@snippet :
 * JwtSigner signer = JwtSigner.create(signingKey);
 * String token = signer.sign(claims);
 * }
 */
public final class JwtSigner {
  private final JwtSigningKey key;
  private final Clock clock;
  private final JWSHeader header;

  private JwtSigner(JwtSigningKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
    this.header =
        new JWSHeader.Builder(new JWSAlgorithm(key.algorithm().joseName()))
            .type(JOSEObjectType.JWT)
            .keyID(key.keyId().orElse(null))
            .build();
  }

  /** A signer using the system clock for {@code iat}. */
  public static JwtSigner create(JwtSigningKey key) {
    return create(key, Clock.systemUTC());
  }

  /** A signer with an injected clock (tests). */
  public static JwtSigner create(JwtSigningKey key, Clock clock) {
    return new JwtSigner(Objects.requireNonNull(key, "key"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Signs {@code claims} into a compact JWS.
   *
   * @throws IllegalArgumentException if the claims have already expired
   * @throws CryptoException if the key was destroyed or the provider failed
   */
  public String sign(JwtClaims claims) throws CryptoException {
    Objects.requireNonNull(claims, "claims");
    long now = clock.instant().getEpochSecond();
    if (claims.expiresAt().getEpochSecond() <= now) {
      throw new IllegalArgumentException("the claims' exp is not in the future");
    }
    Map<String, Object> payload = new LinkedHashMap<>(claims.asMap());
    payload.putIfAbsent("iat", now);
    JWSObject jws = new JWSObject(header, new Payload(payload));
    try {
      jws.sign(new Adapter(key));
    } catch (JOSEException e) {
      if (e.getCause() instanceof CryptoException cause) {
        throw cause;
      }
      throw new CryptoException("signing failed", e);
    }
    return jws.serialize();
  }

  /** nimbus's signer interface over our key; nimbus never sees the key material. */
  private record Adapter(JwtSigningKey key) implements JWSSigner {
    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      try {
        return Base64URL.encode(key.sign(signingInput));
      } catch (CryptoException e) {
        throw new JOSEException("signing failed", e);
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(new JWSAlgorithm(key.algorithm().joseName()));
    }

    @Override
    public JCAContext getJCAContext() {
      return new JCAContext();
    }
  }
}
