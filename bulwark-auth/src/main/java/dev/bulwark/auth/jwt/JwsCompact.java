package dev.bulwark.auth.jwt;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.auth.jwt.internal.BoundedJson;
import dev.bulwark.auth.jwt.internal.StrictBase64Url;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWS layer of verification (RFC 7515 compact serialization): size bound, strict base64url,
 * bounded header JSON, header policy, key selection by {@code kid}, algorithm pinning, signature.
 * Claims are {@link JwtVerifier}'s job; this layer also serves the JOSE cookbook and Wycheproof JWS
 * vectors, whose payloads are not JWTs.
 */
final class JwsCompact {
  /**
   * Header members that carry or point at a key, or change how the token is processed: trusting any
   * of them lets the sender choose the key (CVE-2018-0114 for {@code jwk}) or the payload encoding.
   * {@code crit} is refused because Bulwark understands no extension (RFC 7515 §4.1.11 says a
   * recipient must then reject the token).
   */
  static final Set<String> FORBIDDEN_HEADERS = Set.of("jwk", "jku", "x5u", "x5c", "crit", "b64", "zip", "enc");

  /** A JWS whose signature verified under {@code key}; package-private, read once by the verifier. */
  static final class Verified {
    private final Map<String, Object> header;
    private final byte[] payload;
    private final JwtVerificationKey key;

    Verified(Map<String, Object> header, byte[] payload, JwtVerificationKey key) {
      this.header = header;
      this.payload = payload;
      this.key = key;
    }

    Map<String, Object> header() {
      return header;
    }

    byte[] payload() {
      return payload;
    }

    JwtVerificationKey key() {
      return key;
    }
  }

  private JwsCompact() {}

  static Verified verify(String token, List<JwtVerificationKey> keys, int maxTokenChars, int maxJsonDepth)
      throws InvalidTokenException {
    return verify(token, keys, maxTokenChars, maxJsonDepth, null);
  }

  /**
   * As {@link #verify(String, List, int, int)}, consulting {@code cache} (may be {@code null}) for
   * the header checks; the cache must belong to a verifier with these same {@code keys} and {@code
   * maxJsonDepth}, since a hit stands for their outcome.
   */
  static Verified verify(
      String token, List<JwtVerificationKey> keys, int maxTokenChars, int maxJsonDepth, HeaderCache cache)
      throws InvalidTokenException {
    if (token.length() > maxTokenChars) {
      throw new InvalidTokenException(Reason.TOO_LARGE, "token is longer than " + maxTokenChars + " characters");
    }
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot <= 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
      throw new InvalidTokenException(Reason.MALFORMED, "not a JWS compact token (three dot-separated parts)");
    }
    String segment = token.substring(0, firstDot);
    HeaderCache.Checked cached = cache == null ? null : cache.find(segment);
    HeaderCache.Checked checked = cached != null ? cached : checkHeader(token, firstDot, keys, maxJsonDepth);
    JwtVerificationKey key = checked.key();
    if (!key.algorithm().joseName().equals(checked.header().get("alg"))) {
      // Checked before the signature: never let the token choose how its own signature is checked.
      // (Repeated on a cache hit: one comparison keeps pinning independent of the cache.)
      throw new InvalidTokenException(Reason.ALGORITHM, "alg is not the algorithm pinned to the key");
    }
    byte[] signature = decode(token, secondDot + 1, token.length(), "signature");
    byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    try {
      key.verify(signature, signingInput);
    } catch (CryptoException e) {
      throw new InvalidTokenException(Reason.SIGNATURE, "signature does not verify");
    }
    if (cache != null && cached == null) {
      cache.remember(segment, checked);
    }
    return new Verified(checked.header(), decode(token, firstDot + 1, secondDot, "payload"), key);
  }

  /** Decodes and parses the header, refuses forbidden members, and selects the key by {@code kid}. */
  private static HeaderCache.Checked checkHeader(
      String token, int firstDot, List<JwtVerificationKey> keys, int maxJsonDepth) throws InvalidTokenException {
    byte[] headerBytes = decode(token, 0, firstDot, "header");
    Map<String, Object> header =
        BoundedJson.parseObject(headerBytes, maxJsonDepth)
            .orElseThrow(() -> new InvalidTokenException(Reason.MALFORMED, "header is not a JSON object"));
    for (String name : header.keySet()) {
      if (FORBIDDEN_HEADERS.contains(name)) {
        throw new InvalidTokenException(Reason.FORBIDDEN_HEADER, "header member " + name + " is not accepted");
      }
    }
    // Unmodifiable: a cached header is shared by every token that carries it.
    return new HeaderCache.Checked(Collections.unmodifiableMap(header), select(header, keys));
  }

  private static JwtVerificationKey select(Map<String, Object> header, List<JwtVerificationKey> keys)
      throws InvalidTokenException {
    Object kid = header.get("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new InvalidTokenException(Reason.MALFORMED, "kid is not a string");
    }
    if (kid != null) {
      for (JwtVerificationKey key : keys) {
        if (kid.equals(key.keyId().orElse(null))) {
          return key;
        }
      }
    }
    // A lone key answers a token without a kid; a kid we do not know only a lone key that has none.
    if (keys.size() == 1 && (kid == null || keys.getFirst().keyId().isEmpty())) {
      return keys.getFirst();
    }
    throw new InvalidTokenException(Reason.UNKNOWN_KEY, kid == null ? "token has no kid and several keys could verify it" : "no key has the token's kid");
  }

  private static byte[] decode(String token, int from, int to, String part) throws InvalidTokenException {
    return StrictBase64Url.decode(token, from, to)
        .orElseThrow(() -> new InvalidTokenException(Reason.MALFORMED, part + " is not canonical unpadded base64url"));
  }
}
