package dev.bulwark.guard.errors;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of a request handler: every failure becomes a generic, caller-safe {@link
 * ErrorResponse}, and the detail goes to the log under the same {@link ErrorId}.
 *
 * <ul>
 *   <li>A {@link PublicError} keeps its public message; its internal detail and cause are logged at
 *       WARN (500-class kinds at ERROR) with {@code error_id}.
 *   <li>Anything else is unknown, and unknown means internal: the caller sees {@link
 *       ErrorKind#INTERNAL}'s generic message and a fresh id, never the exception's message (which
 *       may hold SQL, paths or secrets); the exception with its stack trace is logged at ERROR with
 *       that id.
 * </ul>
 *
 * {@snippet :
 * FailClosed failClosed = FailClosed.create();
 * app.exception(Exception.class, (e, ctx) -> {
 *   ErrorResponse response = failClosed.handle(e);
 *   ctx.status(response.httpStatus()).contentType("application/json").result(response.toJson());
 * });
 * }
 *
 * <p>Log through the redacting JSON layer ({@code dev.bulwark.guard.logging}): the detail is for
 * operators, not for secrets. Thread-safe.
 */
public final class FailClosed {
  private final Logger log;

  private FailClosed(Logger log) {
    this.log = log;
  }

  /** Logs to the {@code dev.bulwark.guard.errors.FailClosed} logger. */
  public static FailClosed create() {
    return new FailClosed(LoggerFactory.getLogger(FailClosed.class));
  }

  /** Logs to {@code log}. */
  public static FailClosed loggingTo(Logger log) {
    return new FailClosed(Objects.requireNonNull(log, "log"));
  }

  /** Logs {@code failure} with an error id and returns what the caller may see. */
  public ErrorResponse handle(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    if (failure instanceof PublicError known) {
      var event = known.kind().httpStatus() >= 500 ? log.atError() : log.atWarn();
      event
          .addKeyValue("error_id", known.errorId().value())
          .addKeyValue("error_kind", known.kind().name())
          .setCause(known.getCause())
          .log("request failed: {}", known.internalDetail());
      return known.toResponse();
    }
    ErrorId id = ErrorId.random();
    log.atError()
        .addKeyValue("error_id", id.value())
        .addKeyValue("error_kind", ErrorKind.INTERNAL.name())
        .setCause(failure)
        .log("request failed with an unexpected {}", failure.getClass().getName());
    return new ErrorResponse(ErrorKind.INTERNAL.httpStatus(), id, ErrorKind.INTERNAL.genericMessage());
  }

  /**
   * Runs {@code action}; a {@link PublicError} passes through, and any other exception is logged
   * with a fresh id and replaced by an {@link ErrorKind#INTERNAL} {@code PublicError} with that id
   * whose message is generic.
   *
   * @throws PublicError if the action failed in any way
   */
  public <T> T call(Callable<T> action) throws PublicError {
    Objects.requireNonNull(action, "action");
    try {
      return action.call();
    } catch (PublicError known) {
      throw known;
    } catch (Exception unknown) {
      PublicError wrapped =
          PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(),
              "unexpected " + unknown.getClass().getName(), unknown);
      handle(wrapped);
      throw wrapped;
    }
  }
}
