package dev.bulwark.guard.files;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * An upload was refused by {@link UploadStore}; nothing of it is left on disk. {@link #reason()}
 * tells the cases apart (for a 413 versus a 415 response); the message never repeats the client's
 * file name or content.
 */
public final class UploadRejectedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** Why an upload was refused. */
  public enum Reason {
    /** The body is longer than the size cap. */
    TOO_LARGE,
    /** The body is empty. */
    EMPTY,
    /** The sniffed content type is not on the allowlist. */
    TYPE_NOT_ALLOWED,
    /** The client's file-name extension does not agree with the sniffed content type. */
    EXTENSION_MISMATCH
  }

  private final Reason reason;

  /**
   * @param reason why the upload was refused
   * @param message a description without the client's file name or content
   */
  public UploadRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the upload was refused. */
  public Reason reason() {
    return reason;
  }
}
