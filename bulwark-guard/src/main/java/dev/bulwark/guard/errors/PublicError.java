package dev.bulwark.guard.errors;

import java.io.Serial;
import java.util.Objects;

/**
 * An error with two faces: a {@linkplain #publicMessage() public message} that is safe to show to
 * the caller, and an {@linkplain #internalDetail() internal detail} that only the server log sees,
 * tied together by an {@link ErrorId}. Request handlers throw it; {@link FailClosed} turns it into a
 * response and a log entry.
 *
 * {@snippet :
 * throw PublicError.of(ErrorKind.NOT_FOUND, "No such document.", "document " + id + " missing for user " + user);
 * }
 *
 * <p>{@link #getMessage()} and {@link #toString()} carry the public message and the id only, so
 * the detail cannot leak through a framework that prints exceptions. <b>Warning</b>: the public
 * message is shown verbatim; never put input, identifiers of other users or secrets in it.
 *
 * <p>Immutable after construction; safe to share.
 */
public final class PublicError extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String publicMessage;
  private final transient String internalDetail;
  private final ErrorId errorId;

  private PublicError(ErrorKind kind, String publicMessage, String internalDetail, ErrorId errorId, Throwable cause) {
    super(publicMessage + " (error id " + errorId + ")", cause);
    this.kind = kind;
    this.publicMessage = publicMessage;
    this.internalDetail = internalDetail;
    this.errorId = errorId;
  }

  /** An error of {@code kind} with the kind's generic public message. */
  public static PublicError of(ErrorKind kind, String internalDetail) {
    return of(kind, Objects.requireNonNull(kind, "kind").genericMessage(), internalDetail);
  }

  /**
   * An error with a specific public message.
   *
   * @throws IllegalArgumentException if the public message is blank or spans lines
   */
  public static PublicError of(ErrorKind kind, String publicMessage, String internalDetail) {
    return of(kind, publicMessage, internalDetail, null);
  }

  /** As {@link #of(ErrorKind, String, String)}, keeping {@code cause} for the log. */
  public static PublicError of(ErrorKind kind, String publicMessage, String internalDetail, Throwable cause) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(publicMessage, "publicMessage");
    Objects.requireNonNull(internalDetail, "internalDetail");
    if (publicMessage.isBlank() || publicMessage.indexOf('\n') >= 0 || publicMessage.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a public message is one non-blank line");
    }
    return new PublicError(kind, publicMessage, internalDetail, ErrorId.random(), cause);
  }

  /** The kind, which fixes the HTTP status. */
  public ErrorKind kind() {
    return kind;
  }

  /** What the caller may see. */
  public String publicMessage() {
    return publicMessage;
  }

  /** What only the server log may see (empty after deserialization: it is never serialized). */
  public String internalDetail() {
    return internalDetail == null ? "" : internalDetail;
  }

  /** The id shared by the response and the log entry. */
  public ErrorId errorId() {
    return errorId;
  }

  /** The response a caller gets for this error. */
  public ErrorResponse toResponse() {
    return new ErrorResponse(kind.httpStatus(), errorId, publicMessage);
  }
}
