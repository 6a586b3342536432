package dev.bulwark.server.http;

import dev.bulwark.guard.errors.ErrorId;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.ErrorResponse;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Writes the one error body every failure gets: {@code {"error": code, "message": generic,
 * "error_id": id}}. The code is a fixed token per status, the message the kind's generic text (or a
 * handler's one-line public message); nothing from the exception, the request or the database is
 * ever copied in. Stateless and thread-safe.
 */
public final class ErrorBodies {
  /** Request attribute set once an error body was written, so later error handlers leave it alone. */
  static final String WRITTEN = "bulwark.error.written";

  private ErrorBodies() {}

  /** The stable code for a kind, for example {@code not_found}, {@code rate_limited}. */
  public static String code(ErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Writes {@code response} (from guard's {@code FailClosed}) as the error body. */
  static void write(Context ctx, ErrorResponse response) {
    write(ctx, response.httpStatus(), codeFor(response.httpStatus()), response.publicMessage(), response.errorId());
  }

  /** Writes an error body for a status that has no {@link ErrorKind} (405). */
  static void write(Context ctx, int status, String code, String message, ErrorId id) {
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"bulwark\"");
    }
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(status).contentType("application/json; charset=utf-8")
        .result("{\"error\":\"" + code + "\",\"message\":\"" + plain(message) + "\",\"error_id\":\"" + id.value() + "\"}");
  }

  private static String codeFor(int status) {
    for (ErrorKind kind : ErrorKind.values()) {
      if (kind.httpStatus() == status) {
        return code(kind);
      }
    }
    return status == 405 ? "method_not_allowed" : status >= 500 ? "internal" : "bad_request";
  }

  /** Keeps printable ASCII minus quote and backslash: public messages are fixed English lines. */
  private static String plain(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (char c : message.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
    }
    return out.toString();
  }
}
