package dev.bulwark.guard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.tokens.ApiKeys;
import dev.bulwark.crypto.tokens.SecureTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRedactorTest {
  private final TextRedactor redactor = TextRedactor.forMessages(16 * 1024);
  private final SecureTokens tokens = SecureTokens.system();

  @Test
  void pemPrivateKey_isRemovedWholeEvenWithoutEndLine() {
    String body = tokens.urlSafe(60);
    String pem = "-----BEGIN " + "RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
    assertThat(redactor.redact("key: " + pem + " done")).isEqualTo("key: [REDACTED] done");
    assertThat(redactor.redact("cut -----BEGIN " + "PRIVATE KEY-----\n" + body)).isEqualTo("cut [REDACTED]");
  }

  @Test
  void jwt_isRemoved() {
    String jwt = "eyJhbGciOiJFZERTQSJ9." + tokens.urlSafe(30) + "." + tokens.urlSafe(64);
    assertThat(redactor.redact("token " + jwt + " expired")).isEqualTo("token [REDACTED] expired");
  }

  @Test
  void bearerAndBasicCredentials_keepTheScheme() {
    String token = tokens.urlSafe(24);
    assertThat(redactor.redact("Authorization: Bearer " + token)).doesNotContain(token).contains("Bearer [REDACTED]");
    assertThat(redactor.redact("basic " + tokens.urlSafe(18) + "==")).isEqualTo("basic [REDACTED]");
  }

  @Test
  void apiKey_isRemovedWithOrWithoutValidChecksum() {
    String key = ApiKeys.generate().insecureValue();
    assertThat(redactor.redact("key=" + key)).doesNotContain(key);
    String mistyped = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertThat(redactor.redact("got " + mistyped)).isEqualTo("got [REDACTED]");
  }

  @Test
  void awsAccessKey_isRemoved() {
    String id = "AKIA" + tokens.hex(8).toUpperCase(java.util.Locale.ROOT);
    assertThat(redactor.redact("aws " + id + " used")).isEqualTo("aws [REDACTED] used");
  }

  @Test
  void secretAssignments_keepTheName() {
    String value = tokens.urlSafe(10);
    assertThat(redactor.redact("db_password=" + value + ", user=bob")).isEqualTo("db_password=[REDACTED], user=bob");
    assertThat(redactor.redact("api-key: \"" + value + " x\"")).isEqualTo("api-key: [REDACTED]");
  }

  @Test
  void luhnValidCards_areRemovedInAnyGrouping() {
    String card = LogTestSupport.luhnValidCard("5555" + "5555" + "5555" + "444");
    assertThat(redactor.redact("card " + card)).isEqualTo("card [REDACTED]");
    String dashed = card.substring(0, 4) + "-" + card.substring(4, 8) + "-" + card.substring(8, 12) + "-" + card.substring(12);
    assertThat(redactor.redact("card " + dashed + ".")).isEqualTo("card [REDACTED].");
  }

  @ParameterizedTest
  @ValueSource(strings = {"order 1234567890123 shipped", "phone 555 0100", "id 20260101120001 at 12:00", "Tuesday"})
  void ordinaryText_isKept(String text) {
    // These digit runs fail the Luhn check, so they stay; one in ten digit runs passes it and is
    // redacted, which is the price of catching card numbers in free text.
    assertThat(TextRedactor.isLuhnValid("1234567890123") || TextRedactor.isLuhnValid("20260101120001")).isFalse();
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void secretFieldNames_matchCaseAndSeparatorsButNotLookAlikeWords() {
    for (String name : new String[] {"password", "PASSWORD", "userPassword", "db.passwd", "client_secret",
        "access_token", "refreshToken", "X-Api-Key", "api_key", "Authorization", "cookie", "Set-Cookie",
        "private_key", "credit_card", "creditCardNumber", "ssn", "cvv", "pin"}) {
      assertThat(SecretFieldNames.isSecret(name)).as(name).isTrue();
    }
    for (String name : new String[] {"className", "lessons", "user", "amount", "spinner", "pinned", "passage"}) {
      assertThat(SecretFieldNames.isSecret(name)).as(name).isFalse();
    }
  }
}
