package dev.bulwark.server.accounts;

import dev.bulwark.auth.breached.PasswordScreen;
import dev.bulwark.auth.policy.PasswordContext;
import dev.bulwark.auth.policy.PasswordPolicy;
import dev.bulwark.auth.policy.PolicyResult;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.guard.validation.GuardValidation;
import dev.bulwark.guard.validation.PasswordChecker;
import dev.bulwark.guard.validation.ValidationError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Input rules of the account routes: guard's bean validation ({@code @Username}, {@code
 * @EmailAddress}, {@code @AcceptablePassword}) with auth's NIST SP 800-63B-4 policy behind the
 * password constraint (length 15..256, common and breached passwords screened, the service name
 * "bulwark" refused as a context word), then the same policy again with the account's own words
 * (user name, address), which a bean constraint cannot see.
 *
 * <p>Rejections become one {@link PublicError} ({@code 400}) whose message lists field and reason,
 * never a value. Screens fail closed (a screen that cannot answer refuses the password). Thread-safe.
 */
public final class PasswordRules implements AutoCloseable {
  private final PasswordPolicy policy;
  private final GuardValidation validation;

  private PasswordRules(PasswordPolicy policy) {
    this.policy = policy;
    this.validation = GuardValidation.validator(password -> firstRejection(policy.check(password, PasswordContext.singleFactor())));
  }

  /** Rules with the default screens (zxcvbn's common passwords and dictionary words) plus {@code screens}. */
  public static PasswordRules create(List<PasswordScreen> screens) {
    PasswordPolicy.Builder builder = PasswordPolicy.builder().serviceName("bulwark");
    screens.forEach(builder::addScreen);
    return new PasswordRules(builder.build());
  }

  /**
   * Checks a form's annotations.
   *
   * @throws PublicError {@code 400} naming each failed field and its reason
   */
  public void validate(Object form) throws PublicError {
    List<ValidationError> errors = validation.validate(Objects.requireNonNull(form, "form"));
    if (!errors.isEmpty()) {
      String text = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
      String codes = errors.stream().map(e -> e.field() + "=" + e.code()).collect(Collectors.joining(","));
      throw PublicError.of(ErrorKind.BAD_REQUEST, oneLine(text), "validation failed: " + codes);
    }
  }

  /**
   * Checks {@code password} with the account's own words as context.
   *
   * @throws PublicError {@code 400} when the policy refuses it
   */
  public void checkForAccount(String password, String username, String email) throws PublicError {
    PolicyResult result = policy.check(password, PasswordContext.singleFactor().withUsername(username).withEmail(email));
    Optional<PasswordChecker.Rejection> rejection = firstRejection(result);
    if (rejection.isPresent()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, oneLine("password: " + rejection.get().message()),
          "password refused: " + rejection.get().code());
    }
  }

  private static Optional<PasswordChecker.Rejection> firstRejection(PolicyResult result) {
    return result.violations().stream().findFirst()
        .map(v -> new PasswordChecker.Rejection(v.reason().code(), v.message()));
  }

  private static String oneLine(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > 400 ? flat.substring(0, 400) : flat;
  }

  @Override
  public void close() {
    validation.close();
  }
}
