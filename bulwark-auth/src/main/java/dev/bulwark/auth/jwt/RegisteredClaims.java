package dev.bulwark.auth.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.util.DateUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The RFC 7519 registered claims of a parsed claims object, read with exactly the type rules of
 * nimbus's {@link JWTClaimsSet#parse(Map)} (its {@link JSONObjectUtils} type checks, its
 * numeric-{@code sub} and string-or-array {@code aud} cases, its {@link DateUtils} seconds), in one
 * pass over the members and without building the claims set: that copy of every claim cost an HS256
 * verification a seventh of its time. {@code RegisteredClaimsTest} holds the two readings equal. Any
 * claim of the wrong type is a {@link ParseException}, as in nimbus.
 *
 * @param audience the {@code aud} values ({@code aud} as a string is a one-element list; absent is empty)
 * @param expiration {@code exp}, {@code null} if absent (and so on for the other times)
 */
record RegisteredClaims(
    String issuer, String subject, List<String> audience, Instant expiration, Instant notBefore, Instant issuedAt, String jwtId) {

  static RegisteredClaims read(Map<String, Object> json) throws ParseException {
    String issuer = null;
    String subject = null;
    List<String> audience = List.of();
    Instant expiration = null;
    Instant notBefore = null;
    Instant issuedAt = null;
    String jwtId = null;
    // One pass over the members, as nimbus's parse makes: no tree look-up per claim.
    for (Map.Entry<String, Object> claim : json.entrySet()) {
      Object value = claim.getValue();
      switch (claim.getKey()) {
        case "iss" -> issuer = string(value, "iss");
        case "sub" -> subject = subject(value);
        case "aud" -> audience = audience(json, value);
        case "exp" -> expiration = date(value, "exp");
        case "nbf" -> notBefore = date(value, "nbf");
        case "iat" -> issuedAt = date(value, "iat");
        case "jti" -> jwtId = string(value, "jti");
        default -> {
          // A private or unregistered claim: read through VerifiedJwt's accessors, untyped here.
        }
      }
    }
    return new RegisteredClaims(issuer, subject, audience, expiration, notBefore, issuedAt, jwtId);
  }

  /** As nimbus's {@code JSONObjectUtils.getString}: null stays null, a non-string is refused. */
  private static String string(Object value, String name) throws ParseException {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new ParseException("Unexpected type of JSON object member " + name, 0);
  }

  /**
   * As nimbus's {@code JSONObjectUtils.getEpochSecondAsDate}: any JSON number, truncated to whole
   * seconds by {@link Number#longValue()}, through nimbus's own seconds-to-date conversion.
   */
  private static Instant date(Object value, String name) throws ParseException {
    if (value == null) {
      return null;
    }
    if (value instanceof Number seconds) {
      return DateUtils.fromSecondsSinceEpoch(seconds.longValue()).toInstant();
    }
    throw new ParseException("Unexpected type of JSON object member " + name, 0);
  }

  /** nimbus accepts a numeric {@code sub} and reads it as its decimal string. */
  private static String subject(Object sub) throws ParseException {
    if (sub == null || sub instanceof String) {
      return (String) sub;
    }
    if (sub instanceof Number) {
      return String.valueOf(sub);
    }
    throw new ParseException("Illegal sub claim", 0);
  }

  private static List<String> audience(Map<String, Object> json, Object aud) throws ParseException {
    if (aud == null) {
      return List.of();
    }
    if (aud instanceof String single) {
      return List.of(single);
    }
    if (aud instanceof List) {
      // Stricter than nimbus, which lets an array hold nulls: a null audience names nobody and
      // would make every later reader of the list (List.copyOf, contains) throw or guess, so the
      // token is refused as malformed.
      List<String> audience = JSONObjectUtils.getStringList(json, "aud");
      for (String entry : audience) {
        if (entry == null) {
          throw new ParseException("Illegal aud claim: null in the array", 0);
        }
      }
      return List.copyOf(audience);
    }
    throw new ParseException("Illegal aud claim", 0);
  }
}
