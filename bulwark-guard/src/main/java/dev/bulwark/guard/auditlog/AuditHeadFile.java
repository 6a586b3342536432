package dev.bulwark.guard.auditlog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signed head file, {@code <log>.head} (docs/audit-log.md, "The head file").
 *
 * <p>Two slots of {@value #SLOT_BYTES} bytes, each one checkpoint line padded with spaces and
 * ended by {@code \n} (a slot never written holds only the padding). A publish overwrites the slot
 * that does not hold the newest head, in place, and {@code fdatasync}s: one write and one sync on a
 * file that is already open, where the first format (a single line, replaced through a temp file,
 * its {@code fsync} and a rename) cost a file creation, a full {@code fsync} and a directory update
 * per head. A publish torn by a crash damages only the slot being written; the other still holds
 * the previous head, which the log's own checkpoints are at or after.
 *
 * <p>Readers take the newest slot whose signatures verify, so a torn slot is skipped, not fatal.
 * That gives an attacker who can write the file nothing new: he could already put back any older
 * head he had copied, which is why heads are shipped off the machine ({@link AuditLog#head()}). A
 * file of any other size is read as the first format, one line, so heads written before this
 * format still verify; the writer turns such a file into the slotted one at its first publish.
 */
final class AuditHeadFile {
  /** Room for a line with an ML-DSA-65 co-signature (about 4,600 characters), with margin. */
  static final int SLOT_BYTES = 8192;
  static final int FILE_BYTES = 2 * SLOT_BYTES;

  private AuditHeadFile() {}

  /**
   * The checkpoint lines {@code head} holds (nothing here is verified), or empty when the file does
   * not exist. Reads at most one byte more than the slotted format, so a huge file costs nothing.
   */
  static Optional<List<String>> candidates(Path head) throws IOException {
    try (InputStream in = Files.newInputStream(head, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(candidates(in.readNBytes(FILE_BYTES + 1)));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /**
   * The checkpoint lines in a head file's bytes: up to two for the slotted format (blank slots
   * left out), exactly one for any other size (the first format; a file of the wrong size yields
   * a line that will not parse).
   */
  static List<String> candidates(byte[] file) {
    List<String> lines = new ArrayList<>(2);
    if (file.length == FILE_BYTES) {
      for (int slot = 0; slot < 2; slot++) {
        String text = slotText(file, slot);
        if (!text.isEmpty()) {
          lines.add(text);
        }
      }
    } else {
      // ISO-8859-1 maps every byte to one char, so a non-ASCII byte reaches the line parser and
      // fails there as a bad checkpoint instead of as a decoding error.
      lines.add(new String(file, StandardCharsets.ISO_8859_1).strip());
    }
    return List.copyOf(lines);
  }

  /** One slot's bytes: {@code line}, spaces, {@code \n}. */
  static byte[] slot(String line) {
    byte[] text = line.getBytes(StandardCharsets.US_ASCII);
    if (text.length > SLOT_BYTES - 1 || line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a checkpoint line does not fit a head slot");
    }
    byte[] slot = new byte[SLOT_BYTES];
    Arrays.fill(slot, (byte) ' ');
    System.arraycopy(text, 0, slot, 0, text.length);
    slot[SLOT_BYTES - 1] = '\n';
    return slot;
  }

  private static String slotText(byte[] file, int slot) {
    return new String(file, slot * SLOT_BYTES, SLOT_BYTES, StandardCharsets.ISO_8859_1).strip();
  }

  /**
   * Index of the slot with the higher claimed sequence number (signatures unchecked: the writer
   * only needs to know which slot to leave alone), or -1 when neither parses.
   */
  static int newestSlot(byte[] file) {
    long best = -1;
    int newest = -1;
    for (int slot = 0; slot < 2; slot++) {
      try {
        AuditFormat.Line line = AuditFormat.parse(slotText(file, slot));
        if (line.kind() == 'C' && line.seq() > best) {
          best = line.seq();
          newest = slot;
        }
      } catch (IllegalArgumentException unreadable) {
        // torn or never written: the next publish may overwrite it
      }
    }
    return newest;
  }

  /**
   * Writes heads into {@code <log>.head}. Not thread-safe: {@link AuditLog} publishes one head at a
   * time under its head lock.
   */
  static final class Writer implements AutoCloseable {
    private final Path head;
    private final boolean posix;
    /** The slotted file, open for in-place writes; null until it exists. */
    private FileChannel channel;
    private int nextSlot;

    Writer(Path head, boolean posix) throws IOException {
      this.head = head;
      this.posix = posix;
      if (Files.isRegularFile(head, LinkOption.NOFOLLOW_LINKS) && Files.size(head) == FILE_BYTES) {
        channel = FileChannel.open(head, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        ByteBuffer file = ByteBuffer.allocate(FILE_BYTES);
        while (file.hasRemaining() && channel.read(file, file.position()) >= 0) {
          // until full
        }
        nextSlot = newestSlot(file.array()) == 0 ? 1 : 0;
      }
    }

    /** Makes {@code line} the newest head, durably, before returning. */
    void publish(String line) throws IOException {
      byte[] slot;
      try {
        slot = slot(line);
      } catch (IllegalArgumentException tooLong) {
        throw new IOException(tooLong.getMessage(), tooLong);
      }
      if (channel == null) {
        create(slot);
        return;
      }
      ByteBuffer buffer = ByteBuffer.wrap(slot);
      long at = (long) nextSlot * SLOT_BYTES;
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
      channel.force(false);
      nextSlot ^= 1;
    }

    /**
     * First publish, or the file is absent or in the first format: writes a whole slotted file
     * beside it, syncs it, renames it over {@code head} and syncs the directory, so the rename is
     * durable too; later publishes write in place.
     */
    private void create(byte[] firstSlot) throws IOException {
      Path temp = head.resolveSibling(head.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try (FileChannel out = posix
          ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : FileChannel.open(temp, options)) {
        ByteBuffer buffer = ByteBuffer.allocate(FILE_BYTES);
        buffer.put(firstSlot).put(slot("")).flip();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, head, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Path directory = head.toAbsolutePath().getParent();
      if (posix && directory != null) {
        syncDirectory(directory);
      }
      channel = FileChannel.open(head, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      nextSlot = 1;
    }

    private static void syncDirectory(Path directory) throws IOException {
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      }
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
