package dev.bulwark.guard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guard.Limits;
import org.junit.jupiter.api.Test;

/** Log injection (CWE-117, OWASP "Log Injection"): user text cannot forge or split log lines. */
class LogInjectionTest {
  @Test
  void crlfInMessage_cannotForgeASecondLine() {
    LogTestSupport log = new LogTestSupport(RedactingJsonGeneratorDecorator.denyList(Limits.defaults()));
    String forged = "alice\r\n{\"level\":\"INFO\",\"message\":\"admin logged in\"}\u2028x\u0085y";
    log.logger.info("login failed for {}", forged);
    String output = log.output();
    assertThat(output.lines()).hasSize(1);
    assertThat(output).contains("alice\\\\r\\\\n").doesNotContain("\u2028", "\u0085");
  }

  @Test
  void overlongMessage_isCut() {
    LogTestSupport log = new LogTestSupport(
        RedactingJsonGeneratorDecorator.denyList(Limits.defaults().withMaxLogMessageChars(100)));
    log.logger.info("x".repeat(10_000));
    assertThat(log.output()).contains("...[truncated]").doesNotContain("x".repeat(101));
  }
}
