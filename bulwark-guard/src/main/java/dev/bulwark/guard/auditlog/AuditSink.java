package dev.bulwark.guard.auditlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Where an {@link AuditLog} writes: the log (append-only) and its signed head. Seam for failure tests. */
interface AuditSink extends AutoCloseable {
  void append(byte[] line) throws IOException;

  void sync() throws IOException;

  /** Replaces the head file atomically with {@code checkpointLine}. */
  void publishHead(String checkpointLine) throws IOException;

  @Override
  void close() throws IOException;

  /** The file sink: an append-only channel, owner-only permissions, atomic head replacement. */
  static AuditSink files(Path log) throws IOException {
    Path head = AuditLog.headPath(log);
    boolean posix = log.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    FileChannel channel = posix
        ? FileChannel.open(log, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(log, options);
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
        Path temp = head.resolveSibling(head.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          ByteBuffer buffer = ByteBuffer.wrap((checkpointLine + "\n").getBytes(StandardCharsets.US_ASCII));
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          out.force(true);
        }
        Files.move(temp, head, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
