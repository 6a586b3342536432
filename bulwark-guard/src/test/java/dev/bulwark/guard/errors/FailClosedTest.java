package dev.bulwark.guard.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Information exposure through error messages (CWE-209): a caller sees a generic message and an id;
 * the detail reaches only the log, under the same id.
 */
class FailClosedTest {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private FailClosed failClosed;

  @BeforeEach
  void captureLog() {
    Logger logger = new LoggerContext().getLogger("test.errors");
    logger.setLevel(Level.TRACE);
    appender.start();
    logger.addAppender(appender);
    failClosed = FailClosed.loggingTo(logger);
  }

  private String valueOf(ILoggingEvent event, String key) {
    return event.getKeyValuePairs().stream().filter(kv -> kv.key.equals(key)).map(kv -> String.valueOf(kv.value)).findFirst().orElseThrow();
  }

  @Test
  void unknownException_becomesGenericMessageWithIdLoggedWithDetail() {
    SQLException leak = new SQLException("syntax error near 'DROP TABLE users' at /srv/app/db.sql");
    ErrorResponse response = failClosed.handle(leak);

    assertThat(response.httpStatus()).isEqualTo(500);
    assertThat(response.publicMessage()).isEqualTo("An internal error occurred.");
    assertThat(response.toJson()).doesNotContain("DROP", "/srv", "SQLException")
        .contains("\"error_id\":\"" + response.errorId().value() + "\"");

    assertThat(appender.list).hasSize(1);
    ILoggingEvent logged = appender.list.getFirst();
    assertThat(logged.getLevel()).isEqualTo(Level.ERROR);
    assertThat(valueOf(logged, "error_id")).isEqualTo(response.errorId().value());
    assertThat(logged.getThrowableProxy().getMessage()).contains("DROP TABLE users");
  }

  @Test
  void publicError_keepsPublicMessageAndLogsInternalDetailUnderSameId() {
    PublicError error = PublicError.of(ErrorKind.NOT_FOUND, "No such document.", "document 42 missing for user alice");
    ErrorResponse response = failClosed.handle(error);

    assertThat(response.httpStatus()).isEqualTo(404);
    assertThat(response.publicMessage()).isEqualTo("No such document.");
    assertThat(response.errorId()).isEqualTo(error.errorId());
    assertThat(response.toJson()).doesNotContain("alice");
    ILoggingEvent logged = appender.list.getFirst();
    assertThat(logged.getLevel()).isEqualTo(Level.WARN);
    assertThat(logged.getFormattedMessage()).contains("document 42 missing for user alice");
    assertThat(valueOf(logged, "error_id")).isEqualTo(error.errorId().value());
  }

  @Test
  void publicErrorText_neverCarriesInternalDetail() {
    PublicError error = PublicError.of(ErrorKind.FORBIDDEN, "internal: role check failed for admin panel");
    assertThat(error.getMessage()).isEqualTo("The request is not allowed. (error id " + error.errorId() + ")");
    assertThat(error.toString()).doesNotContain("admin panel");
    assertThat(error.internalDetail()).contains("admin panel");
  }

  @Test
  void call_wrapsUnknownExceptionInGenericInternalError() {
    assertThatThrownBy(() -> failClosed.call(() -> {
          throw new IllegalStateException("connection string had password hunter2");
        }))
        .isInstanceOfSatisfying(PublicError.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
          assertThat(e.getMessage()).doesNotContain("hunter2");
          assertThat(e.toResponse().toJson()).doesNotContain("hunter2");
          assertThat(valueOf(appender.list.getFirst(), "error_id")).isEqualTo(e.errorId().value());
        });
  }

  @Test
  void call_passesValueAndPublicErrorsThrough() throws Exception {
    assertThat(failClosed.call(() -> 7)).isEqualTo(7);
    PublicError conflict = PublicError.of(ErrorKind.CONFLICT, "version mismatch");
    assertThatThrownBy(() -> failClosed.call(() -> {
          throw conflict;
        }))
        .isSameAs(conflict);
  }

  @Test
  void errorIds_areRandomAndWellFormed() {
    assertThat(ErrorId.random()).isNotEqualTo(ErrorId.random());
    assertThat(ErrorId.random().value()).matches("[0-9a-f]{16}");
    assertThatThrownBy(() -> new ErrorId("<script>")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiLinePublicMessage_isApiMisuse() {
    assertThatThrownBy(() -> PublicError.of(ErrorKind.BAD_REQUEST, "line one\nline two", "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void responseJson_escapesMarkup() {
    ErrorResponse response = new ErrorResponse(400, ErrorId.random(), "bad \"x\" <b>");
    assertThat(response.toJson()).contains("bad \\\"x\\\" \\u003cb\\u003e");
  }
}
