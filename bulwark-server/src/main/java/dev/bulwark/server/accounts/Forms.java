package dev.bulwark.server.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.guard.validation.AcceptablePassword;
import dev.bulwark.guard.validation.EmailAddress;
import dev.bulwark.guard.validation.Username;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The JSON bodies of the account routes, read by the server's hardened mapper (unknown and duplicate
 * properties fail) and then checked by {@link PasswordRules}. No {@code toString} prints a password
 * or a token.
 */
public final class Forms {
  private Forms() {}

  /** {@code POST /v1/accounts}. */
  public record Registration(
      @NotNull @Username String username,
      @NotNull @EmailAddress String email,
      @NotNull @AcceptablePassword String password,
      @JsonProperty("enrolment_token") @Size(max = 128) String enrolmentToken) {
    @Override
    public String toString() {
      return "Registration[redacted]";
    }
  }

  /** {@code POST /v1/accounts/verify}. */
  public record Token(@NotNull @Size(min = 1, max = 128) String token) {
    @Override
    public String toString() {
      return "Token[redacted]";
    }
  }

  /** {@code POST /v1/password/forgot}. */
  public record Forgot(@NotNull @EmailAddress String email) {
    @Override
    public String toString() {
      return "Forgot[redacted]";
    }
  }

  /** {@code POST /v1/password/reset}. */
  public record Reset(
      @NotNull @Size(min = 1, max = 128) String token,
      @JsonProperty("new_password") @NotNull @AcceptablePassword String newPassword) {
    @Override
    public String toString() {
      return "Reset[redacted]";
    }
  }

  /** {@code POST /v1/password/change}. */
  public record Change(
      @JsonProperty("current_password") @NotNull @Size(min = 1, max = 4096) String currentPassword,
      @JsonProperty("new_password") @NotNull @AcceptablePassword String newPassword) {
    @Override
    public String toString() {
      return "Change[redacted]";
    }
  }

  /** {@code POST /v1/sessions}: {@code login} is a user name or an e-mail address. */
  public record Login(
      @NotNull @Size(min = 1, max = 320) String login,
      @NotNull @Size(min = 1, max = 4096) String password) {
    @Override
    public String toString() {
      return "Login[redacted]";
    }
  }

  /** {@code POST /v1/sessions/refresh}. */
  public record Refresh(@JsonProperty("refresh_token") @NotNull @Size(min = 1, max = 128) String refreshToken) {
    @Override
    public String toString() {
      return "Refresh[redacted]";
    }
  }
}
