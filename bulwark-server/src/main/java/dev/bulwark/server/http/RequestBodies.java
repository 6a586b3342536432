package dev.bulwark.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of a request body before an early answer, so the connection can
 * stay open (see {@link HttpPipeline}). Stateless and thread-safe.
 */
final class RequestBodies {
  private static final int CHUNK = 8192;

  private RequestBodies() {}

  /**
   * Discards the unread rest of the body of {@code ctx} up to {@code cap} bytes; when the body is
   * declared larger than {@code cap}, is longer than {@code cap}, or cannot be read, answers {@code
   * Connection: close} instead (the server closes after this response, and says so). A body the
   * handler already read reads as empty here. Blocks until the body arrives or the connection's idle
   * timeout, as reading it for an accepted request would.
   */
  static void discardUnread(Context ctx, long cap) {
    long declared = ctx.req().getContentLengthLong();
    boolean chunked = ctx.header("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      return;
    }
    if (declared > cap) {
      close(ctx);
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] sink = new byte[CHUNK];
      long read = 0;
      for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
        read += n;
        if (read > cap) {
          close(ctx);
          return;
        }
      }
    } catch (IOException | IllegalStateException e) {
      // A broken or already-claimed stream (getReader used): the connection cannot be trusted for reuse.
      close(ctx);
    }
  }

  private static void close(Context ctx) {
    if (!ctx.res().isCommitted()) {
      ctx.header("Connection", "close");
    }
  }
}
