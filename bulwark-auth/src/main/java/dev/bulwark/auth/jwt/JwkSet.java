package dev.bulwark.auth.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.crypto.CryptoException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JWK set (RFC 7517 §5) of verification keys: the form in which an issuer publishes its public keys
 * and a verifier imports them. Immutable and thread-safe.
 *
 * <p>{@link #parse(String)} skips keys it cannot use safely and says how many ({@link #skippedKeys()}):
 * encryption keys ({@code use: enc}), keys without {@code alg} (nothing would pin their algorithm) and
 * keys whose {@code alg} Bulwark does not support. It rejects the whole set if a usable key is
 * malformed or weak, if two keys share a {@code kid}, if several usable keys lack a {@code kid}, if it
 * mixes HS256 secrets with public keys, or if no key is usable.
 *
 * {@snippet :
 * JwkSet jwks = JwkSet.parse(Files.readString(Path.of("jwks.json")));
 * JwtVerifier verifier = JwtVerifier.builder(jwks).requireIssuer("https://id.example").requireAudience("api").build();
 * }
 */
public final class JwkSet {
  private final List<JwtVerificationKey> keys;
  private final int skippedKeys;

  private JwkSet(List<JwtVerificationKey> keys, int skippedKeys) {
    this.keys = List.copyOf(keys);
    this.skippedKeys = skippedKeys;
  }

  /**
   * A set of these keys.
   *
   * @throws IllegalArgumentException if empty, if two keys share a {@code kid}, or if several keys
   *     lack one
   */
  public static JwkSet of(Collection<JwtVerificationKey> keys) {
    List<JwtVerificationKey> list = List.copyOf(keys);
    String problem = problem(list);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new JwkSet(list, 0);
  }

  /**
   * Imports a JWK set.
   *
   * @throws CryptoException if the JSON is not a JWK set, a usable key is malformed or weak, kids
   *     collide or are missing, or no key is usable
   */
  public static JwkSet parse(String json) throws CryptoException {
    Objects.requireNonNull(json, "json");
    Map<String, Object> set = Jwks.parseObject(json);
    if (!(set.get("keys") instanceof List<?> members)) {
      throw new CryptoException("a JWK set is an object with a keys array");
    }
    List<JwtVerificationKey> keys = new ArrayList<>();
    int skipped = 0;
    for (Object member : members) {
      if (!(member instanceof Map<?, ?> raw)) {
        throw new CryptoException("a JWK set member is not an object");
      }
      Map<String, Object> jwk = new LinkedHashMap<>();
      raw.forEach((k, v) -> jwk.put(String.valueOf(k), v));
      boolean usable =
          !"enc".equals(jwk.get("use"))
              && jwk.get("alg") instanceof String alg
              && JwtAlgorithm.fromJoseName(alg).isPresent();
      if (usable) {
        keys.add(Jwks.readVerification(jwk));
      } else {
        skipped++;
      }
    }
    String problem = problem(keys);
    if (problem != null) {
      throw new CryptoException(problem);
    }
    return new JwkSet(keys, skipped);
  }

  /** The keys, in set order. */
  public List<JwtVerificationKey> keys() {
    return keys;
  }

  /** How many members {@link #parse(String)} skipped as unusable (0 for {@link #of}). */
  public int skippedKeys() {
    return skippedKeys;
  }

  /**
   * The public JWK set JSON, for publishing at a JWKS endpoint.
   *
   * @throws IllegalStateException if the set holds an HS256 key (a shared secret is never published)
   */
  public String toJson() {
    List<Object> members = new ArrayList<>();
    for (JwtVerificationKey key : keys) {
      if (key.algorithm().symmetric()) {
        throw new IllegalStateException("the set holds an HS256 shared secret; it cannot be published");
      }
      members.add(Jwks.publicMembers(key));
    }
    return JSONObjectUtils.toJSONString(Map.of("keys", members));
  }

  private static String problem(List<JwtVerificationKey> keys) {
    if (keys.isEmpty()) {
      return "the JWK set has no usable key (keys need a supported alg and use sig)";
    }
    if (keys.stream().anyMatch(k -> k.algorithm().symmetric()) && keys.stream().anyMatch(k -> !k.algorithm().symmetric())) {
      // Wycheproof "MixedKeySet": a set that mixes secrets with public keys is a publishing mistake.
      return "the JWK set mixes HS256 shared secrets with public keys; keep them in separate sets";
    }
    Set<String> kids = new HashSet<>();
    for (JwtVerificationKey key : keys) {
      String kid = key.keyId().orElse(null);
      if (kid == null && keys.size() > 1) {
        return "a JWK set with several keys needs a kid on each";
      }
      if (kid != null && !kids.add(kid)) {
        return "two keys in the JWK set share a kid";
      }
    }
    return null;
  }
}
