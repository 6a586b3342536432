package dev.bulwark.channel;

import java.io.IOException;
import java.io.Serial;

/**
 * The one checked exception of the channel: a refused handshake (wrong pin, bad signature,
 * downgrade), a refused record (tampered, replayed, reordered, truncated, oversized), a violated
 * limit, a reset stream or a closed session. It extends {@link IOException} so that the stream
 * views can throw it. Messages never contain key material or payload bytes.
 */
public class ChannelException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what was refused; must not contain secret material */
  public ChannelException(String message) {
    super(message);
  }

  /**
   * @param message what was refused; must not contain secret material
   * @param cause the underlying failure
   */
  public ChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
