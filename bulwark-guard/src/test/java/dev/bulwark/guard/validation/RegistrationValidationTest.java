package dev.bulwark.guard.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The guides' registration example: user name, e-mail, password and age, with structured errors. */
class RegistrationValidationTest {
  private static final GuardValidation VALIDATION = GuardValidation.validator();
  private static final String GOOD_PASSWORD = String.join("-", "correct", "horse", "battery", "staple");

  public record Registration(
      @NotNull @Username String username,
      @NotNull @EmailAddress String email,
      @NotNull @AcceptablePassword String password,
      @NotNull @Age(min = 13, max = 120) Integer age) {}

  public record BirthDateRegistration(@NotNull @Age LocalDate birthDate) {}

  @AfterAll
  static void close() {
    VALIDATION.close();
  }

  @Test
  void validRegistration_hasNoErrors() throws Exception {
    Registration ok = new Registration("ada_lovelace", "ada@example.com", GOOD_PASSWORD, 36);
    assertThat(VALIDATION.validate(ok)).isEmpty();
    assertThat(VALIDATION.check(ok)).isSameAs(ok);
  }

  @Test
  void everyBadField_isReportedWithFieldCodeAndMessage_neverTheValue() {
    String secretPassword = "hunter2";
    Registration bad = new Registration("<script>", "not-an-email", secretPassword, 12);

    List<ValidationError> errors = VALIDATION.validate(bad);

    assertThat(errors).extracting(ValidationError::field).containsExactly("age", "email", "password", "username");
    assertThat(errors).extracting(ValidationError::code).containsExactly("Age", "EmailAddress", "too_short", "Username");
    assertThat(errors.getFirst().message()).isEqualTo("must be an age from 13 to 120 years");
    for (ValidationError error : errors) {
      assertThat(error.message()).doesNotContain(secretPassword, "<script>", "not-an-email").isNotBlank();
    }
    assertThatThrownBy(() -> VALIDATION.check(bad))
        .isInstanceOf(ValidationFailedException.class)
        .hasMessageNotContaining(secretPassword)
        .satisfies(e -> assertThat(((ValidationFailedException) e).errors()).isEqualTo(errors));
  }

  @Test
  void usernames_areTrimmedAndNfkcNormalizedBeforeTheRule() {
    assertThat(Usernames.normalize("  ada_99 ")).contains("ada_99");
    // Full-width letters normalize to ASCII (NFKC) and are then judged as "admin".
    assertThat(Usernames.normalize("\uFF41\uFF44\uFF4D\uFF49\uFF4E")).contains("admin");
    for (String bad : List.of("ab", "a".repeat(33), "ad min", "adm\u0131n", "ad-min", "ádmin", "admin\u0000", "\u0430dmin",
        "x".repeat(300), "")) {
      assertThat(Usernames.normalize(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void emailAddresses_practicalRfcSubsetWithIdn() {
    assertThat(EmailAddresses.normalize("first.last+tag@Example.COM")).contains("first.last+tag@example.com");
    assertThat(EmailAddresses.normalize("user@bücher.example")).contains("user@xn--bcher-kva.example");
    for (String bad : List.of("plain", "@example.com", "user@", "user@@example.com", "a@b@example.com", "user@localhost",
        "user@[127.0.0.1]", "user@127.0.0.1", ".user@example.com", "user.@example.com", "us..er@example.com",
        "\"quoted\"@example.com", "user@exa mple.com", "user@example.com\r\nBcc: victim@example.com", "user@-example.com",
        "user@example..com", "ü@example.com", "a".repeat(65) + "@example.com", "u@" + "a".repeat(250) + ".com",
        "user@example.com.", "user@exa_mple.com")) {
      assertThat(EmailAddresses.normalize(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void age_boundsAndBirthDates() {
    assertThat(VALIDATION.validate(new Registration("ada", "a@example.com", GOOD_PASSWORD, 13))).isEmpty();
    assertThat(VALIDATION.validate(new Registration("ada", "a@example.com", GOOD_PASSWORD, 120))).isEmpty();
    assertThat(VALIDATION.validate(new Registration("ada", "a@example.com", GOOD_PASSWORD, 121)))
        .extracting(ValidationError::code).containsExactly("Age");
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    assertThat(VALIDATION.validate(new BirthDateRegistration(today.minusYears(20)))).isEmpty();
    assertThat(VALIDATION.validate(new BirthDateRegistration(today.minusYears(13).plusDays(1)))).hasSize(1);
    assertThat(VALIDATION.validate(new BirthDateRegistration(today.plusDays(1)))).hasSize(1);
    assertThat(VALIDATION.validate(new BirthDateRegistration(today.minusYears(121)))).hasSize(1);
  }

  @Test
  void password_defaultsToNistLengthRules() {
    PasswordChecker nist = PasswordChecker.nistLengthOnly();
    assertThat(nist.check("a".repeat(14))).map(PasswordChecker.Rejection::code).contains("too_short");
    assertThat(nist.check("a".repeat(15))).isEmpty();
    assertThat(nist.check("\uD83D\uDD12".repeat(15))).as("code points, not UTF-16 units").isEmpty();
    assertThat(nist.check("a".repeat(65))).map(PasswordChecker.Rejection::code).contains("too_long");
    assertThatThrownBy(() -> PasswordChecker.lengthBetween(6, 64)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PasswordChecker.lengthBetween(8, 64).check("abcdefgh")).isEmpty();
  }

  @Test
  void password_delegatesToAPluggedPolicy_andItsCodeIsTheErrorCode() {
    PasswordChecker breachedList = password -> password.equals(GOOD_PASSWORD)
        ? Optional.of(new PasswordChecker.Rejection("breached", "appears in a breach corpus; choose another {x} ${y}"))
        : Optional.empty();
    try (GuardValidation withPolicy = GuardValidation.validator(breachedList)) {
      List<ValidationError> errors = withPolicy.validate(new Registration("ada", "a@example.com", GOOD_PASSWORD, 30));

      assertThat(errors).containsExactly(
          new ValidationError("password", "breached", "appears in a breach corpus; choose another {x} ${y}"));
      assertThat(withPolicy.validate(new Registration("ada", "a@example.com", "short", 30))).isEmpty();
    }
  }

  @Test
  void messageQuotingTheValue_isReplaced() {
    PasswordChecker careless = password -> Optional.of(new PasswordChecker.Rejection("weak", "the password " + password + " is weak"));
    try (GuardValidation withPolicy = GuardValidation.validator(careless)) {
      assertThat(withPolicy.validate(new Registration("ada", "a@example.com", GOOD_PASSWORD, 30)))
          .containsExactly(new ValidationError("password", "weak", "is not valid"));
    }
  }

  @Test
  void nulls_areLeftToNotNull() {
    List<ValidationError> errors = VALIDATION.validate(new Registration(null, null, null, null));
    assertThat(errors).extracting(ValidationError::code).containsOnly("NotNull").hasSize(4);
  }
}
