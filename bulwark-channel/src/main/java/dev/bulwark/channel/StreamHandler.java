package dev.bulwark.channel;

import java.io.IOException;

/**
 * Serves one stream on the server, on its own virtual thread. The server closes the stream when
 * the handler returns and resets it when the handler throws; the exception is not sent to the peer.
 * Implementations must be thread-safe: many streams run at once.
 *
 * {@snippet :
 * StreamHandler echo = stream -> stream.inputStream().transferTo(stream.outputStream());
 * }
 */
@FunctionalInterface
public interface StreamHandler {
  /** Serves the stream. */
  void handle(ChannelStream stream) throws IOException;
}
