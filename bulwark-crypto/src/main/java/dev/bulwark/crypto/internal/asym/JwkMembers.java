package dev.bulwark.crypto.internal.asym;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of JWK members (RFC 7517), shared by the signature, agreement and KEM key codecs:
 * a required member must be present with exactly the expected value or as canonical base64url, and
 * an {@code alg}, when present, must be the one the caller expects (a key never changes algorithm
 * on the way in). Messages name the member, never its value. Thread-safe: stateless.
 */
public final class JwkMembers {
  /** Members that only a private JWK may hold (RFC 7518 §6, RFC 8037 §2, the AKP drafts). */
  public static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "priv");

  private JwkMembers() {}

  /**
   * Parses a JWK object and checks its {@code alg}, if any, against {@code expectedAlg}.
   *
   * @throws CryptoException if the text is not a JSON object or names another algorithm
   */
  public static Map<String, Object> parse(String text, String expectedAlg) throws CryptoException {
    Map<String, Object> jwk = Json.parseObject(text);
    Object alg = jwk.get("alg");
    if (alg != null && !expectedAlg.equals(alg)) {
      throw new CryptoException("JWK alg does not match the expected algorithm " + expectedAlg);
    }
    return jwk;
  }

  /** Refuses a JWK that carries private members where a public key is expected. */
  public static void requirePublicOnly(Map<String, Object> jwk) throws CryptoException {
    for (String member : PRIVATE_MEMBERS) {
      if (jwk.containsKey(member)) {
        throw new CryptoException("JWK holds private key members; refusing it as a public key");
      }
    }
  }

  /** Requires {@code member} to be exactly {@code value}. */
  public static void require(Map<String, Object> jwk, String member, String value) throws CryptoException {
    if (!value.equals(jwk.get(member))) {
      throw new CryptoException("JWK member " + member + " must be " + value);
    }
  }

  /** The bytes of a required base64url member. */
  public static byte[] bytes(Map<String, Object> jwk, String member) throws CryptoException {
    if (!(jwk.get(member) instanceof String text)) {
      throw new CryptoException("JWK member " + member + " is missing or not a string");
    }
    return Base64Url.decode(text);
  }

  /** The bytes of a required base64url member that must be exactly {@code length} bytes long. */
  public static byte[] bytes(Map<String, Object> jwk, String member, int length) throws CryptoException {
    byte[] value = bytes(jwk, member);
    if (value.length != length) {
      java.util.Arrays.fill(value, (byte) 0);
      throw new CryptoException("JWK member " + member + " must be " + length + " bytes");
    }
    return value;
  }
}
