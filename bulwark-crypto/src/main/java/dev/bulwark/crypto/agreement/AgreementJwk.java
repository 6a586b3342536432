package dev.bulwark.crypto.agreement;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.Base64Url;
import dev.bulwark.crypto.internal.asym.JwkMembers;
import dev.bulwark.crypto.internal.json.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWK (RFC 7517) for key-agreement keys: {@code OKP}/{@code X25519} (RFC 8037 §2) and
 * {@code EC}/{@code P-256} (RFC 7518 §6.2), each with {@code "use": "enc"}. Built on the raw encodings,
 * so a JWK import goes through the same validation as {@link AgreementPublicKey#fromRaw} (P-256
 * points on the curve) and a private JWK must carry the public members of its own scalar.
 */
final class AgreementJwk {
  private static final String ALG = "ECDH-ES";

  private AgreementJwk() {}

  static AgreementPublicKey readPublic(KeyAgreementAlgorithm algorithm, String text) throws CryptoException {
    Map<String, Object> jwk = JwkMembers.parse(text, ALG);
    JwkMembers.requirePublicOnly(jwk);
    return publicPart(algorithm, jwk);
  }

  static AgreementPrivateKey readPrivate(KeyAgreementAlgorithm algorithm, String text) throws CryptoException {
    Map<String, Object> jwk = JwkMembers.parse(text, ALG);
    AgreementPublicKey expected = publicPart(algorithm, jwk);
    byte[] d = JwkMembers.bytes(jwk, "d", 32);
    try {
      AgreementPrivateKey key = AgreementPrivateKey.fromRaw(algorithm, d);
      if (!key.publicKey().equals(expected)) {
        key.destroy();
        throw new CryptoException("JWK public members do not match its private key");
      }
      return key;
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  static String writePublic(AgreementPublicKey key) {
    return Json.write(publicMembers(key));
  }

  static String writePrivate(AgreementPrivateKey key) {
    Map<String, Object> jwk = publicMembers(key.publicKey());
    byte[] d = key.insecureExportRaw();
    try {
      jwk.put("d", Base64Url.encode(d));
    } finally {
      Arrays.fill(d, (byte) 0);
    }
    return Json.write(jwk);
  }

  private static Map<String, Object> publicMembers(AgreementPublicKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    byte[] raw = key.exportRaw();
    switch (key.algorithm()) {
      case X25519 -> {
        jwk.put("kty", "OKP");
        jwk.put("crv", "X25519");
        jwk.put("x", Base64Url.encode(raw));
      }
      case ECDH_P256 -> {
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", Base64Url.encode(Arrays.copyOfRange(raw, 1, 33)));
        jwk.put("y", Base64Url.encode(Arrays.copyOfRange(raw, 33, 65)));
      }
    }
    jwk.put("use", "enc");
    jwk.put("alg", ALG);
    return jwk;
  }

  private static AgreementPublicKey publicPart(KeyAgreementAlgorithm algorithm, Map<String, Object> jwk)
      throws CryptoException {
    Object use = jwk.get("use");
    if (use != null && !"enc".equals(use)) {
      throw new CryptoException("JWK use must be enc for a key-agreement key");
    }
    return switch (algorithm) {
      case X25519 -> {
        JwkMembers.require(jwk, "kty", "OKP");
        JwkMembers.require(jwk, "crv", "X25519");
        yield AgreementPublicKey.fromRaw(algorithm, JwkMembers.bytes(jwk, "x", 32));
      }
      case ECDH_P256 -> {
        JwkMembers.require(jwk, "kty", "EC");
        JwkMembers.require(jwk, "crv", "P-256");
        byte[] point = new byte[AgreementCodec.P256_POINT_BYTES];
        point[0] = 4;
        System.arraycopy(JwkMembers.bytes(jwk, "x", 32), 0, point, 1, 32);
        System.arraycopy(JwkMembers.bytes(jwk, "y", 32), 0, point, 33, 32);
        yield AgreementPublicKey.fromRaw(algorithm, point);
      }
    };
  }
}
