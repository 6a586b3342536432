package dev.bulwark.guard.errors;

/**
 * The kinds of {@link PublicError}, each with its HTTP status and a generic public message that
 * reveals nothing about the cause. Closed on purpose: a handler picks one of these, never a
 * free-form status.
 */
public enum ErrorKind {
  BAD_REQUEST(400, "The request is invalid."),
  UNAUTHENTICATED(401, "Authentication is required."),
  FORBIDDEN(403, "The request is not allowed."),
  NOT_FOUND(404, "The resource was not found."),
  CONFLICT(409, "The request conflicts with the current state."),
  PAYLOAD_TOO_LARGE(413, "The request is too large."),
  UNSUPPORTED_MEDIA_TYPE(415, "The media type is not supported."),
  RATE_LIMITED(429, "Too many requests."),
  INTERNAL(500, "An internal error occurred."),
  UNAVAILABLE(503, "The service is unavailable.");

  private final int httpStatus;
  private final String genericMessage;

  ErrorKind(int httpStatus, String genericMessage) {
    this.httpStatus = httpStatus;
    this.genericMessage = genericMessage;
  }

  /** The HTTP status code for this kind. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A public message that says only what kind of failure happened. */
  public String genericMessage() {
    return genericMessage;
  }
}
