package dev.bulwark.channel;

import java.io.Serial;

/**
 * The server could not be authenticated: its identity does not match the pin or the known-hosts
 * entry, a signature over the transcript does not verify (a tampered handshake), or its answer lies
 * outside what the client offered (a downgrade). A refusal, not a network failure: retrying does
 * not help, and the message names the pin the server presented so an operator can compare it.
 */
public class UntrustedServerException extends ChannelException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what was refused; never secret */
  public UntrustedServerException(String message) {
    super(message);
  }
}
