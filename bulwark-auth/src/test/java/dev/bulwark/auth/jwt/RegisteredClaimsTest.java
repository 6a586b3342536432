package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.auth.jwt.internal.BoundedJson;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential: {@link RegisteredClaims} must read exactly what nimbus's {@link JWTClaimsSet#parse(Map)}
 * reads, and refuse exactly what it refuses, since it replaced that call on the verification path.
 */
class RegisteredClaimsTest {
  private static Map<String, Object> json(String text) {
    return BoundedJson.parseObject(text.getBytes(StandardCharsets.UTF_8), 8).orElseThrow();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"iss\":\"https://id.example\",\"sub\":\"u1\",\"aud\":\"api\",\"exp\":1800000000,\"nbf\":1700000000,\"iat\":1700000000,\"jti\":\"j\"}",
    "{}",
    "{\"sub\":123}",
    "{\"sub\":12.5}",
    "{\"sub\":null,\"iss\":null,\"jti\":null,\"exp\":null,\"nbf\":null,\"iat\":null,\"aud\":null}",
    "{\"aud\":[\"a\",\"b\"]}",
    "{\"aud\":[]}",
    "{\"exp\":1.9}",
    "{\"exp\":-5}",
    "{\"exp\":9223372036854775807}",
    "{\"exp\":1e300}",
    "{\"scope\":\"read\",\"tenant\":{\"id\":1},\"exp\":1}",
  })
  void acceptedClaims_readAsNimbusReadsThem(String text) throws ParseException {
    Map<String, Object> json = json(text);
    JWTClaimsSet nimbus = JWTClaimsSet.parse(json);
    RegisteredClaims ours = RegisteredClaims.read(json);

    assertThat(ours.issuer()).isEqualTo(nimbus.getIssuer());
    assertThat(ours.subject()).isEqualTo(nimbus.getSubject());
    assertThat(ours.audience()).isEqualTo(nimbus.getAudience());
    assertThat(ours.expiration()).isEqualTo(instant(nimbus.getExpirationTime()));
    assertThat(ours.notBefore()).isEqualTo(instant(nimbus.getNotBeforeTime()));
    assertThat(ours.issuedAt()).isEqualTo(instant(nimbus.getIssueTime()));
    assertThat(ours.jwtId()).isEqualTo(nimbus.getJWTID());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"iss\":1}",
    "{\"iss\":[\"a\"]}",
    "{\"sub\":true}",
    "{\"sub\":{}}",
    "{\"aud\":1}",
    "{\"aud\":{\"a\":1}}",
    "{\"aud\":[1]}",
    "{\"aud\":[[\"a\"]]}",
    "{\"exp\":\"1800000000\"}",
    "{\"nbf\":true}",
    "{\"iat\":[1]}",
    "{\"jti\":7}",
  })
  void wronglyTypedClaims_areRefusedAsNimbusRefusesThem(String text) {
    Map<String, Object> json = json(text);
    assertThatThrownBy(() -> JWTClaimsSet.parse(json)).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> RegisteredClaims.read(json)).isInstanceOf(ParseException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"aud\":\"api\"}", "{\"aud\":[\"api\",\"other\"]}"})
  void audience_isUnmodifiable(String text) throws ParseException {
    List<String> audience = RegisteredClaims.read(json(text)).audience();
    assertThat(audience).contains("api");
    assertThatThrownBy(() -> audience.set(0, "attacker")).isInstanceOf(UnsupportedOperationException.class);
  }

  /** Nimbus reads {@code ["a", null]} as a list holding null; a verified JWT with it used to throw an NPE. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"aud\":[\"a\",null]}", "{\"aud\":[null]}"})
  void audienceArrayWithNull_isRefusedThoughNimbusAcceptsIt(String text) throws ParseException {
    Map<String, Object> json = json(text);
    assertThat(JWTClaimsSet.parse(json).getAudience()).contains((String) null);
    assertThatThrownBy(() -> RegisteredClaims.read(json)).isInstanceOf(ParseException.class);
  }
}
