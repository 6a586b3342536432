package dev.bulwark.guard.auditlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Where an {@link AuditLog} writes: the log (append-only) and its signed head. Seam for failure tests. */
interface AuditSink extends AutoCloseable {
  void append(byte[] line) throws IOException;

  void sync() throws IOException;

  /** Makes {@code checkpointLine} the head, durably and crash-safely ({@link AuditHeadFile}). */
  void publishHead(String checkpointLine) throws IOException;

  @Override
  void close() throws IOException;

  /** The file sink: an append-only channel, owner-only permissions, a two-slot head file written in place. */
  static AuditSink files(Path log) throws IOException {
    Path head = AuditLog.headPath(log);
    boolean posix = log.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    FileChannel channel = posix
        ? FileChannel.open(log, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(log, options);
    AuditHeadFile.Writer heads;
    try {
      heads = new AuditHeadFile.Writer(head, posix);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new AuditSink() {
      @Override
      public void append(byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void sync() throws IOException {
        channel.force(false);
      }

      @Override
      public void publishHead(String checkpointLine) throws IOException {
        heads.publish(checkpointLine);
      }

      @Override
      public void close() throws IOException {
        try (heads) {
          channel.close();
        }
      }
    };
  }
}
