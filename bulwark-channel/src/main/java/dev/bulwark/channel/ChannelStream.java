package dev.bulwark.channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ByteChannel;

/**
 * One logical, flow-controlled byte stream inside a channel session. Its buffers and state are
 * reachable only through this handle: no other stream's records can reach them, because the stream
 * id is authenticated in every record header. Reading and writing may happen on two different
 * threads; two concurrent readers (or writers) are serialised.
 *
 * {@snippet :
 * try (ChannelStream stream = client.openStream()) {
 *   stream.outputStream().write(request);
 *   stream.closeWrite();                       // half-close: the peer reads end of stream
 *   byte[] answer = stream.inputStream().readAllBytes();
 * }
 * }
 *
 * <p>Failures (a reset by the peer, a closed session) surface as {@link ChannelException}.
 *
 * <p>Reads and writes may do the session's socket I/O on the calling thread (a waiting reader reads
 * the session's records itself when no other thread does: docs/channel-protocol.md §4). The JDK
 * closes a socket whose virtual-thread reader or writer is interrupted, so interrupting a thread
 * blocked in a read or write may close the whole session, every stream with it. To give up on one
 * stream, call {@link #reset()} from another thread instead.
 */
public interface ChannelStream extends Closeable {
  /** The stream id (1, 2, 3... in the order the client opened them). */
  int id();

  /** Reads the peer's data; end of stream after the peer's {@link #closeWrite()}. */
  InputStream inputStream();

  /** Writes data, blocking while the peer has granted no credit; {@code close()} half-closes. */
  OutputStream outputStream();

  /** A {@link ByteChannel} view of both directions; closing it closes the stream. */
  ByteChannel byteChannel();

  /** Half-closes: sends FIN; the peer reads end of stream but can still write back. Idempotent. */
  void closeWrite() throws IOException;

  /** Abandons the stream in both directions (RESET); pending data is discarded. Idempotent. */
  void reset() throws IOException;

  /**
   * Half-closes, and resets if the peer has not finished, so nothing stays buffered. Idempotent.
   */
  @Override
  void close() throws IOException;
}
