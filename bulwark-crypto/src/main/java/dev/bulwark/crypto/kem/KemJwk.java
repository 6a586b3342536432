package dev.bulwark.crypto.kem;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.Base64Url;
import dev.bulwark.crypto.internal.asym.JwkMembers;
import dev.bulwark.crypto.internal.json.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWK for ML-KEM-768 keys in the "algorithm key pair" shape of the IETF JOSE/COSE post-quantum
 * drafts: {@code {"kty":"AKP","alg":"ML-KEM-768","pub":…}} and, for a private key, {@code "priv"}
 * holding the 64-byte FIPS 203 seed {@code d||z} (never the 2400-byte expanded key). These drafts are
 * not RFCs yet; the member names follow them as of 2026 and are pinned by our tests. X-Wing has no
 * JOSE registration, so its keys export as raw, SPKI or PKCS#8 only.
 */
final class KemJwk {
  private static final String ALG = "ML-KEM-768";

  private KemJwk() {}

  static KemPublicKey readPublic(KemAlgorithm algorithm, String text) throws CryptoException {
    requireMlKem(algorithm);
    Map<String, Object> jwk = JwkMembers.parse(text, ALG);
    JwkMembers.requirePublicOnly(jwk);
    return publicPart(jwk);
  }

  static KemPrivateKey readPrivate(KemAlgorithm algorithm, String text) throws CryptoException {
    requireMlKem(algorithm);
    Map<String, Object> jwk = JwkMembers.parse(text, ALG);
    KemPublicKey expected = publicPart(jwk);
    byte[] seed = JwkMembers.bytes(jwk, "priv", KemAlgorithm.ML_KEM_768.seedBytes());
    try {
      KemPrivateKey key = KemPrivateKey.fromSeed(KemAlgorithm.ML_KEM_768, seed);
      if (!key.publicKey().equals(expected)) {
        key.destroy();
        throw new CryptoException("JWK pub does not match the key its priv seed determines");
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static String writePublic(KemPublicKey key) {
    requireMlKem(key.algorithm());
    return Json.write(publicMembers(key));
  }

  static String writePrivate(KemPrivateKey key) {
    requireMlKem(key.algorithm());
    Map<String, Object> jwk = publicMembers(key.publicKey());
    byte[] seed = key.insecureExportSeed();
    try {
      jwk.put("priv", Base64Url.encode(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    return Json.write(jwk);
  }

  private static Map<String, Object> publicMembers(KemPublicKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "AKP");
    jwk.put("alg", ALG);
    jwk.put("pub", Base64Url.encode(key.exportRaw()));
    return jwk;
  }

  private static KemPublicKey publicPart(Map<String, Object> jwk) throws CryptoException {
    JwkMembers.require(jwk, "kty", "AKP");
    JwkMembers.require(jwk, "alg", ALG);
    return KemPublicKey.fromRaw(KemAlgorithm.ML_KEM_768, JwkMembers.bytes(jwk, "pub"));
  }

  private static void requireMlKem(KemAlgorithm algorithm) {
    if (algorithm != KemAlgorithm.ML_KEM_768) {
      throw new IllegalArgumentException(algorithm + " has no JWK form; use raw, SPKI or PKCS#8");
    }
  }
}
