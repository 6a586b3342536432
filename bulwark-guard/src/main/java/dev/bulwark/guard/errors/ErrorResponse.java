package dev.bulwark.guard.errors;

import java.util.Objects;

/**
 * What a caller is told about a failed request: a status, a public message and the error id to
 * quote to support. Never a stack trace, exception class or internal detail.
 *
 * @param httpStatus the HTTP status code
 * @param errorId the id that finds the detailed log entry
 * @param publicMessage the caller-safe message
 */
public record ErrorResponse(int httpStatus, ErrorId errorId, String publicMessage) {
  public ErrorResponse {
    Objects.requireNonNull(errorId, "errorId");
    Objects.requireNonNull(publicMessage, "publicMessage");
  }

  /** The body as JSON: {@code {"error":"...","error_id":"..."}}. */
  public String toJson() {
    return "{\"error\":\"" + jsonEscape(publicMessage) + "\",\"error_id\":\"" + errorId.value() + "\"}";
  }

  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
