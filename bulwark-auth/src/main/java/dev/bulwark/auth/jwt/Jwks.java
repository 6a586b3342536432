package dev.bulwark.auth.jwt;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.auth.jwt.internal.BoundedJson;
import dev.bulwark.auth.jwt.internal.Es256Verify;
import dev.bulwark.auth.jwt.internal.RocaFingerprint;
import dev.bulwark.auth.jwt.internal.StrictBase64Url;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.PublicKeySign;
import dev.bulwark.crypto.signature.PublicKeyVerify;
import dev.bulwark.crypto.signature.RsaModulusSize;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import dev.bulwark.crypto.signature.VerifyingKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Destroyable;

/**
 * JWK (RFC 7517) reading, writing and generation for {@link JwtSigningKey} and {@link
 * JwtVerificationKey}. Key parsing and validation of Ed25519, P-256 and RSA-PSS keys is
 * bulwark-crypto's ({@link SigningKey#fromJwk}, {@link VerifyingKey#fromJwk}); RS256 private keys go
 * through nimbus's {@link RSAKey}, because bulwark-crypto deliberately has no PKCS#1 v1.5 signing key.
 */
final class Jwks {
  /** A JWK set larger than this is refused before parsing (a JWKS of 20 ML-DSA keys is ~60 KiB). */
  static final int MAX_JWK_CHARS = 256 * 1024;
  /** {@code {"keys":[{"key_ops":[...]}]}} nests four deep. */
  static final int MAX_JWK_DEPTH = 4;
  static final int MAX_KEY_ID_CHARS = 128;
  static final int HMAC_KEY_BYTES = 32;
  private static final byte[] PROBE = "bulwark jwk consistency probe".getBytes(StandardCharsets.US_ASCII);
  private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "priv");

  /** Writes a private JWK's members on demand, so nothing secret is kept as a String. */
  interface PrivateExport {
    Map<String, Object> members();
  }

  private Jwks() {}

  static Map<String, Object> parseObject(String json) throws CryptoException {
    if (json.length() > MAX_JWK_CHARS) {
      throw new CryptoException("JWK is larger than " + MAX_JWK_CHARS + " characters");
    }
    return BoundedJson.parseObject(json.getBytes(StandardCharsets.UTF_8), MAX_JWK_DEPTH)
        .orElseThrow(() -> new CryptoException("JWK is not a JSON object (or is nested too deep)"));
  }

  static String write(Map<String, Object> members) {
    return JSONObjectUtils.toJSONString(members);
  }

  static String checkKeyId(String keyId) {
    if (keyId == null) {
      return null;
    }
    if (keyId.isEmpty() || keyId.length() > MAX_KEY_ID_CHARS || keyId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a kid is 1 to " + MAX_KEY_ID_CHARS + " characters, no control characters");
    }
    return keyId;
  }

  /** The algorithm the JWK pins; also checks {@code use}, {@code key_ops} and {@code kid}. */
  static JwtAlgorithm algorithm(Map<String, Object> jwk, String operation) throws CryptoException {
    if (!(jwk.get("alg") instanceof String alg)) {
      throw new CryptoException("JWK has no alg member; Bulwark pins every key to one algorithm");
    }
    JwtAlgorithm algorithm =
        JwtAlgorithm.fromJoseName(alg)
            .orElseThrow(() -> new CryptoException("JWK alg is not a supported JWS algorithm"));
    Object use = jwk.get("use");
    if (use != null && !"sig".equals(use)) {
      throw new CryptoException("JWK use is not sig");
    }
    Object ops = jwk.get("key_ops");
    if (ops != null && !(ops instanceof List<?> list && list.contains(operation))) {
      throw new CryptoException("JWK key_ops does not allow " + operation);
    }
    keyId(jwk);
    return algorithm;
  }

  static String keyId(Map<String, Object> jwk) throws CryptoException {
    Object kid = jwk.get("kid");
    if (kid == null) {
      return null;
    }
    if (!(kid instanceof String text)) {
      throw new CryptoException("JWK kid is not a string");
    }
    try {
      return checkKeyId(text);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("JWK kid is empty, too long or has control characters");
    }
  }

  static boolean hasPrivateMembers(Map<String, Object> jwk) {
    return PRIVATE_MEMBERS.stream().anyMatch(jwk::containsKey);
  }

  static JwtVerificationKey readVerification(Map<String, Object> jwk) throws CryptoException {
    JwtAlgorithm algorithm = algorithm(jwk, "verify");
    checkRsaModulus(algorithm, jwk);
    String kid = keyId(jwk);
    if (algorithm == JwtAlgorithm.HS256) {
      return hmac(jwk, kid).verificationKey();
    }
    if (hasPrivateMembers(jwk)) {
      // A private JWK handed to a verifier: keep only its public half.
      return readSigning(jwk, "verify").verificationKey();
    }
    return verification(algorithm, kid, VerifyingKey.fromJwk(signatureAlgorithm(algorithm), write(jwk)));
  }

  static JwtSigningKey readSigning(Map<String, Object> jwk) throws CryptoException {
    return readSigning(jwk, "sign");
  }

  private static JwtSigningKey readSigning(Map<String, Object> jwk, String operation) throws CryptoException {
    JwtAlgorithm algorithm = algorithm(jwk, operation);
    checkRsaModulus(algorithm, jwk);
    String kid = keyId(jwk);
    return switch (algorithm) {
      case EDDSA, ES256, PS256 -> fromCrypto(algorithm, kid, SigningKey.fromJwk(signatureAlgorithm(algorithm), write(jwk)));
      case RS256 -> rs256(jwk, kid);
      case ML_DSA_65 -> mlDsa(jwk, kid);
      case HS256 -> hmac(jwk, kid);
    };
  }

  /** Refuses RSA moduli with the ROCA fingerprint (CVE-2017-15361): their private key can be computed. */
  private static void checkRsaModulus(JwtAlgorithm algorithm, Map<String, Object> jwk) throws CryptoException {
    if ((algorithm == JwtAlgorithm.RS256 || algorithm == JwtAlgorithm.PS256) && jwk.get("n") instanceof String n) {
      byte[] modulus = StrictBase64Url.decode(n, 0, n.length())
          .orElseThrow(() -> new CryptoException("JWK member n is not base64url"));
      if (RocaFingerprint.matches(new BigInteger(1, modulus))) {
        throw new CryptoException("RSA key has the ROCA fingerprint (CVE-2017-15361); replace it");
      }
    }
  }

  static JwtSigningKey generate(JwtAlgorithm algorithm, String kid, SecureRandom random) {
    return switch (algorithm) {
      case EDDSA, ES256 -> fromCrypto(algorithm, kid, SigningKey.generate(signatureAlgorithm(algorithm), random));
      case PS256 -> fromCrypto(algorithm, kid, SigningKey.generateRsaPss(RsaModulusSize.BITS_3072, random));
      case RS256 -> {
        try {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
          generator.initialize(RsaModulusSize.BITS_3072.bits(), random);
          KeyPair pair = generator.generateKeyPair();
          yield rs256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), kid);
        } catch (GeneralSecurityException | CryptoException e) {
          throw new IllegalStateException("the JDK failed to make an RSA key", e);
        }
      }
      case ML_DSA_65 -> {
        byte[] seed = new byte[SigningKey.ML_DSA_SEED_BYTES];
        random.nextBytes(seed);
        yield mlDsa(seed, kid);
      }
      case HS256 -> {
        byte[] secret = new byte[HMAC_KEY_BYTES];
        random.nextBytes(secret);
        try {
          yield hmac(secret, kid);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      }
    };
  }

  static Map<String, Object> publicMembers(JwtVerificationKey key) {
    Map<String, Object> members = parseTrusted(key.publicKey().exportJwk());
    return decorate(members, key.algorithm(), key.keyId().orElse(null));
  }

  private static SignatureAlgorithm signatureAlgorithm(JwtAlgorithm algorithm) {
    return switch (algorithm) {
      case EDDSA -> SignatureAlgorithm.ED25519;
      case ES256 -> SignatureAlgorithm.ECDSA_P256_SHA256_P1363;
      case PS256 -> SignatureAlgorithm.RSA_PSS_SHA256;
      case RS256 -> SignatureAlgorithm.LEGACY_RSA_PKCS1_SHA256;
      case ML_DSA_65 -> SignatureAlgorithm.ML_DSA_65;
      case HS256 -> throw new IllegalArgumentException("HS256 is not a signature algorithm");
    };
  }

  private static JwtVerificationKey verification(JwtAlgorithm algorithm, String kid, VerifyingKey key) {
    // ES256 verifies on Bouncy Castle (see Es256Verify); every other algorithm through bulwark-crypto.
    PublicKeyVerify verify = algorithm == JwtAlgorithm.ES256 ? Es256Verify.of(key.exportRaw()) : key.verifier();
    return new JwtVerificationKey(algorithm, kid, verify, key);
  }

  private static JwtSigningKey fromCrypto(JwtAlgorithm algorithm, String kid, SigningKey key) {
    return new JwtSigningKey(
        algorithm,
        kid,
        key.signer(),
        verification(algorithm, kid, key.verifyingKey()),
        () -> decorate(parseTrusted(key.insecureExportJwk()), algorithm, kid),
        key);
  }

  private static JwtSigningKey rs256(Map<String, Object> jwk, String kid) throws CryptoException {
    try {
      RSAKey rsa = RSAKey.parse(jwk);
      if (!rsa.isPrivate()) {
        throw new CryptoException("JWK has no private key members");
      }
      return rs256(rsa.toRSAPublicKey(), rsa.toRSAPrivateKey(), kid);
    } catch (ParseException | com.nimbusds.jose.JOSEException | RuntimeException e) {
      throw new CryptoException("JWK is not a valid RSA private key");
    }
  }

  private static JwtSigningKey rs256(RSAPublicKey publicKey, RSAPrivateKey privateKey, String kid)
      throws CryptoException {
    VerifyingKey verifying = VerifyingKey.fromSpki(SignatureAlgorithm.LEGACY_RSA_PKCS1_SHA256, publicKey.getEncoded());
    DestroyFlag flag = new DestroyFlag();
    PublicKeySign sign =
        data -> {
          if (flag.isDestroyed()) {
            throw new CryptoException("signing key was destroyed");
          }
          return rsaPkcs1Sign(privateKey, data);
        };
    verifying.verifier().verify(sign.sign(PROBE), PROBE); // the halves must belong together
    PrivateExport export =
        () -> decorate(new RSAKey.Builder(publicKey).privateKey(privateKey).build().toJSONObject(), JwtAlgorithm.RS256, kid);
    return new JwtSigningKey(JwtAlgorithm.RS256, kid, sign, verification(JwtAlgorithm.RS256, kid, verifying), export, flag);
  }

  private static byte[] rsaPkcs1Sign(PrivateKey key, byte[] data) throws CryptoException {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA", "SunRsaSign");
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new CryptoException("RS256 signing failed", e);
    }
  }

  private static JwtSigningKey mlDsa(Map<String, Object> jwk, String kid) throws CryptoException {
    if (!"AKP".equals(jwk.get("kty")) || !(jwk.get("priv") instanceof String priv)) {
      throw new CryptoException("ML-DSA-65 private JWK must be kty AKP with a priv member");
    }
    byte[] seed = StrictBase64Url.decode(priv, 0, priv.length())
        .filter(s -> s.length == SigningKey.ML_DSA_SEED_BYTES)
        .orElseThrow(() -> new CryptoException("JWK priv must be a 32-byte ML-DSA seed in base64url"));
    JwtSigningKey key = mlDsa(seed, kid);
    Arrays.fill(seed, (byte) 0);
    Map<String, Object> publicOnly = new LinkedHashMap<>(jwk);
    publicOnly.remove("priv");
    VerifyingKey claimed = VerifyingKey.fromJwk(SignatureAlgorithm.ML_DSA_65, write(publicOnly));
    if (!claimed.equals(key.verificationKey().publicKey())) {
      throw new CryptoException("JWK public members do not match its private key");
    }
    return key;
  }

  private static JwtSigningKey mlDsa(byte[] seed, String kid) {
    byte[] kept = seed.clone();
    SigningKey key = SigningKey.fromMlDsaSeed(kept);
    Destroyable material =
        new Destroyable() {
          @Override
          public void destroy() {
            Arrays.fill(kept, (byte) 0);
            key.destroy();
          }

          @Override
          public boolean isDestroyed() {
            return key.isDestroyed();
          }
        };
    PrivateExport export =
        () -> {
          Map<String, Object> members = parseTrusted(key.verifyingKey().exportJwk());
          members.put("priv", StrictBase64Url.encode(kept));
          return decorate(members, JwtAlgorithm.ML_DSA_65, kid);
        };
    return new JwtSigningKey(
        JwtAlgorithm.ML_DSA_65, kid, key.signer(), verification(JwtAlgorithm.ML_DSA_65, kid, key.verifyingKey()), export, material);
  }

  private static JwtSigningKey hmac(Map<String, Object> jwk, String kid) throws CryptoException {
    if (!"oct".equals(jwk.get("kty")) || !(jwk.get("k") instanceof String k)) {
      throw new CryptoException("HS256 JWK must be kty oct with a k member");
    }
    byte[] secret = StrictBase64Url.decode(k, 0, k.length())
        .orElseThrow(() -> new CryptoException("JWK k is not base64url"));
    try {
      // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
      if (secret.length < HMAC_KEY_BYTES || secret.length > MacKey.MAX_KEY_BYTES) {
        throw new CryptoException("an HS256 key must be " + HMAC_KEY_BYTES + " to " + MacKey.MAX_KEY_BYTES + " bytes");
      }
      return hmac(secret, kid);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static JwtSigningKey hmac(byte[] secret, String kid) {
    MacKey key = MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, secret);
    Mac mac = Mac.create(key);
    JwtVerificationKey verification = new JwtVerificationKey(JwtAlgorithm.HS256, kid, mac::verify, null);
    PrivateExport export =
        () -> {
          Map<String, Object> members = new LinkedHashMap<>();
          members.put("kty", "oct");
          byte[] bytes = key.insecureExportBytes();
          members.put("k", StrictBase64Url.encode(bytes));
          Arrays.fill(bytes, (byte) 0);
          return decorate(members, JwtAlgorithm.HS256, kid);
        };
    PublicKeySign sign =
        data -> {
          if (key.isDestroyed()) {
            throw new CryptoException("signing key was destroyed");
          }
          return mac.compute(data);
        };
    return new JwtSigningKey(JwtAlgorithm.HS256, kid, sign, verification, export, key);
  }

  private static Map<String, Object> decorate(Map<String, Object> members, JwtAlgorithm algorithm, String kid) {
    Map<String, Object> out = new LinkedHashMap<>(members);
    out.put("alg", algorithm.joseName());
    out.put("use", "sig");
    if (kid != null) {
      out.put("kid", kid);
    } else {
      out.remove("kid");
    }
    return out;
  }

  /** Parses JSON that bulwark-crypto itself wrote. */
  private static Map<String, Object> parseTrusted(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException impossible) {
      throw new IllegalStateException("bulwark-crypto wrote a JWK nimbus cannot read", impossible);
    }
  }

  /** Destroy state for keys whose JDK object cannot be wiped: signing stops after destroy(). */
  private static final class DestroyFlag implements Destroyable {
    private volatile boolean destroyed;

    @Override
    public void destroy() {
      destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
      return destroyed;
    }
  }
}
