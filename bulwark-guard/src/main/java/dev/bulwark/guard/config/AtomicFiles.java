package dev.bulwark.guard.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that a reader (or a crash) sees either the old content or the new, never a
 * part: the content goes to a temporary file in the same directory (owner-only permissions where
 * the file system has them), is forced to disk, and is moved over the target atomically; then the
 * directory is forced, so the rename itself survives a power loss.
 *
 * {@snippet :
 * AtomicFiles.write(Path.of("app.config"), out -> out.write(bytes), true);
 * }
 *
 * <p>Without replacement, the new file is linked into place, which fails if the target exists at
 * that instant (no check-then-act race). Stateless and thread-safe; two processes replacing the same
 * file concurrently each write a whole file and the last one wins.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What to write into the temporary file. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content; the stream is closed by the caller. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code file} atomically.
   *
   * @param replace whether an existing file may be replaced
   * @throws FileAlreadyExistsException if {@code replace} is false and the file exists
   * @throws IOException if writing, syncing or moving fails (the temporary file is deleted; the
   *     target is unchanged), including a file system that cannot move atomically
   */
  public static void write(Path file, Content content, boolean replace) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    if (directory == null) {
      throw new IOException("the output path has no directory");
    }
    Path temp = createTemp(directory);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      if (replace) {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("the file system cannot replace files atomically", e);
        }
      } else {
        linkWithoutReplacing(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(directory);
  }

  /** A hard link is created only if the name is free, atomically; a rename would replace. */
  private static void linkWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException e) {
      // No hard links (some network or FAT file systems): the best left is check, then move.
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory (Windows); the file itself was forced already.
    }
  }

  private static Path createTemp(Path directory) throws IOException {
    try {
      return Files.createTempFile(directory, ".bulwark-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(directory, ".bulwark-", ".tmp");
    }
  }
}
