package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.Base64Url;
import dev.bulwark.crypto.internal.asym.JwkMembers;
import dev.bulwark.crypto.internal.asym.P256;
import dev.bulwark.crypto.internal.json.Json;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWK (RFC 7517) for signature keys: {@code OKP}/Ed25519 (RFC 8037), {@code EC}/P-256 and {@code RSA}
 * (RFC 7518 §6), {@code AKP}/ML-DSA-65 public keys (the JOSE ML-DSA draft). Strict: required members
 * must be present and canonical base64url, an {@code alg} member must match the expected algorithm,
 * and a private JWK's public members must match its private ones.
 */
final class SignatureJwk {
  private SignatureJwk() {}

  static VerifyingKey readPublic(SignatureAlgorithm algorithm, String text) throws CryptoException {
    Map<String, Object> jwk = parse(algorithm, text);
    JwkMembers.requirePublicOnly(jwk);
    return publicPart(algorithm, jwk);
  }

  static SigningKey readPrivate(SignatureAlgorithm algorithm, String text) throws CryptoException {
    Map<String, Object> jwk = parse(algorithm, text);
    VerifyingKey expected = publicPart(algorithm, jwk);
    SigningKey key =
        switch (algorithm) {
          case ED25519 -> SigningKey.fromRaw(algorithm, bytes(jwk, "d"));
          case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
            byte[] d = bytes(jwk, "d");
            if (d.length != 32) {
              throw new CryptoException("JWK member d must be 32 bytes for P-256");
            }
            PrivateKey priv =
                KeyCodec.jdkPrivate("EC", "SunEC", new ECPrivateKeySpec(new BigInteger(1, d), P256.params()));
            yield SigningKey.ofJdk(
                algorithm, VerifyingKey.ofJdk(algorithm, KeyCodec.ecPublicOf((ECPrivateKey) priv)), priv);
          }
          case RSA_PSS_SHA256 -> {
            RSAPublicKey pub = expected.rsaKey();
            RSAPrivateCrtKeySpec spec =
                new RSAPrivateCrtKeySpec(
                    pub.getModulus(),
                    pub.getPublicExponent(),
                    integer(jwk, "d"),
                    integer(jwk, "p"),
                    integer(jwk, "q"),
                    integer(jwk, "dp"),
                    integer(jwk, "dq"),
                    integer(jwk, "qi"));
            if (!spec.getPrimeP().multiply(spec.getPrimeQ()).equals(pub.getModulus())) {
              throw new CryptoException("JWK RSA primes do not match its modulus");
            }
            yield SigningKey.ofRsaPrivate(KeyCodec.jdkPrivate("RSA", "SunRsaSign", spec));
          }
          case ML_DSA_65 -> throw new CryptoException("ML-DSA-65 private JWKs are not supported");
          case LEGACY_RSA_PKCS1_SHA256 -> throw new IllegalArgumentException(algorithm + " is verify-only");
        };
    if (!key.verifyingKey().equals(expected)) {
      throw new CryptoException("JWK public members do not match its private key");
    }
    return key;
  }

  static String writePublic(VerifyingKey key) {
    return Json.write(publicMembers(key));
  }

  static String writePrivate(SigningKey key) {
    Map<String, Object> jwk = publicMembers(key.verifyingKey());
    switch (key.algorithm()) {
      case ED25519 -> jwk.put("d", Base64Url.encode(key.ed25519Seed()));
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 ->
          jwk.put("d", Base64Url.encode(KeyCodec.fixed(((ECPrivateKey) key.jdkKey()).getS(), 32)));
      case RSA_PSS_SHA256 -> {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key.jdkKey();
        jwk.put("d", b64(crt.getPrivateExponent()));
        jwk.put("p", b64(crt.getPrimeP()));
        jwk.put("q", b64(crt.getPrimeQ()));
        jwk.put("dp", b64(crt.getPrimeExponentP()));
        jwk.put("dq", b64(crt.getPrimeExponentQ()));
        jwk.put("qi", b64(crt.getCrtCoefficient()));
      }
      case ML_DSA_65 ->
          throw new UnsupportedOperationException("ML-DSA-65 private JWKs are not supported; use PKCS#8");
      case LEGACY_RSA_PKCS1_SHA256 -> throw new IllegalStateException("verify-only keys have no private part");
    }
    return Json.write(jwk);
  }

  private static Map<String, Object> publicMembers(VerifyingKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    switch (key.algorithm()) {
      case ED25519 -> {
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64Url.encode(key.ed25519Raw()));
      }
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
        ECPublicKey ec = (ECPublicKey) key.jdkKey();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", Base64Url.encode(KeyCodec.fixed(ec.getW().getAffineX(), 32)));
        jwk.put("y", Base64Url.encode(KeyCodec.fixed(ec.getW().getAffineY(), 32)));
      }
      case RSA_PSS_SHA256, LEGACY_RSA_PKCS1_SHA256 -> {
        jwk.put("kty", "RSA");
        jwk.put("n", b64(key.rsaKey().getModulus()));
        jwk.put("e", b64(key.rsaKey().getPublicExponent()));
      }
      case ML_DSA_65 -> {
        jwk.put("kty", "AKP");
        jwk.put("pub", Base64Url.encode(key.exportRaw()));
      }
    }
    jwk.put("alg", key.algorithm().jwkAlg());
    return jwk;
  }

  private static VerifyingKey publicPart(SignatureAlgorithm algorithm, Map<String, Object> jwk)
      throws CryptoException {
    return switch (algorithm) {
      case ED25519 -> {
        require(jwk, "kty", "OKP");
        require(jwk, "crv", "Ed25519");
        yield VerifyingKey.fromRaw(algorithm, bytes(jwk, "x"));
      }
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
        require(jwk, "kty", "EC");
        require(jwk, "crv", "P-256");
        byte[] x = bytes(jwk, "x");
        byte[] y = bytes(jwk, "y");
        if (x.length != 32 || y.length != 32) {
          throw new CryptoException("JWK P-256 coordinates must be 32 bytes each");
        }
        yield VerifyingKey.ofJdk(algorithm, KeyCodec.ecPublic(new BigInteger(1, x), new BigInteger(1, y)));
      }
      case RSA_PSS_SHA256, LEGACY_RSA_PKCS1_SHA256 -> {
        require(jwk, "kty", "RSA");
        RSAPublicKey pub =
            (RSAPublicKey)
                KeyCodec.jdkPublic(
                    "RSA", "SunRsaSign", new RSAPublicKeySpec(integer(jwk, "n"), integer(jwk, "e")));
        KeyCodec.checkRsa(pub);
        yield VerifyingKey.ofJdk(algorithm, pub);
      }
      case ML_DSA_65 -> {
        require(jwk, "kty", "AKP");
        require(jwk, "alg", algorithm.jwkAlg());
        yield VerifyingKey.fromRaw(algorithm, bytes(jwk, "pub"));
      }
    };
  }

  private static Map<String, Object> parse(SignatureAlgorithm algorithm, String text) throws CryptoException {
    return JwkMembers.parse(text, algorithm.jwkAlg());
  }

  private static void require(Map<String, Object> jwk, String member, String value) throws CryptoException {
    JwkMembers.require(jwk, member, value);
  }

  private static byte[] bytes(Map<String, Object> jwk, String member) throws CryptoException {
    return JwkMembers.bytes(jwk, member);
  }

  private static BigInteger integer(Map<String, Object> jwk, String member) throws CryptoException {
    byte[] raw = bytes(jwk, member);
    if (raw.length == 0 || (raw.length > 1 && raw[0] == 0)) {
      throw new CryptoException("JWK member " + member + " is not a minimal big-endian integer");
    }
    BigInteger value = new BigInteger(1, raw);
    Arrays.fill(raw, (byte) 0);
    return value;
  }

  private static String b64(BigInteger value) {
    return Base64Url.encode(KeyCodec.unsigned(value));
  }
}
