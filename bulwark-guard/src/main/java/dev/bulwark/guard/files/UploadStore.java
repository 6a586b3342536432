package dev.bulwark.guard.files;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.hash.Hasher;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.files.UploadRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Stores untrusted uploads in one directory, safely.
 *
 * <ul>
 *   <li>The body is streamed to disk in 64 KiB chunks with a hard cap ({@link
 *       Limits#maxUploadBytes()}): only the first 64 KiB are kept in memory, for sniffing; a body one
 *       byte over the cap is refused at that byte.
 *   <li>The content type is sniffed from the bytes by Apache Tika's magic database (never from the
 *       client's {@code Content-Type} or name), must be on the allowlist, and the client's file-name
 *       extension must be one of that type's extensions (a PNG named {@code x.pdf} is refused).
 *   <li>The file is stored under a random 128-bit hex name plus the type's canonical extension; the
 *       client's name is never used as a path.
 *   <li>The write is atomic: a temporary file in the same directory, {@code fsync}, an atomic
 *       rename, then an {@code fsync} of the directory. Files are created {@code rw-------} on POSIX
 *       systems: never executable.
 *   <li>A refused, failed or oversized upload leaves nothing behind: the temporary file is deleted.
 * </ul>
 *
 * {@snippet :
 * UploadStore store = UploadStore.builder(Path.of("data/uploads"))
 *     .allow(UploadType.PNG, UploadType.JPEG, UploadType.PDF)
 *     .build();
 * StoredUpload stored = store.store(request.bodyInputStream(), clientFileName);
 * }
 *
 * <p>Thread-safe: concurrent uploads write to distinct temporary files.
 */
public final class UploadStore {
  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int NAME_RANDOM_BYTES = 16;
  private static final String TEMP_PREFIX = ".upload-";
  private static final FileAttribute<?>[] OWNER_ONLY =
      new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};

  private final Path directory;
  private final Set<UploadType> allowed;
  private final long maxUploadBytes;
  private final SecureTokens tokens;
  private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
  private final int sniffBytes;
  private final boolean posix;

  private UploadStore(Builder builder) {
    this.directory = builder.directory;
    this.allowed = Set.copyOf(builder.allowed);
    this.maxUploadBytes = builder.limits.maxUploadBytes();
    this.tokens = builder.tokens;
    this.sniffBytes = Math.max(CHUNK_BYTES, mimeTypes.getMinLength());
    this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * A builder for a store writing into {@code directory}, which must exist.
   *
   * @throws IllegalArgumentException if {@code directory} is not an existing directory
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** The directory uploads are stored in (its real path). */
  public Path directory() {
    return directory;
  }

  /**
   * Streams {@code body} into the store. The stream is read to its end or to the cap, not closed.
   *
   * @param body the upload body
   * @param clientFileName the name the client gave; only its extension is used
   * @throws UploadRejectedException if the body is empty, over the cap, of a type not allowed, or its
   *     extension disagrees with its content; nothing is left on disk
   * @throws IOException if reading the body or writing the disk failed; nothing is left on disk
   */
  public StoredUpload store(InputStream body, String clientFileName) throws UploadRejectedException, IOException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(clientFileName, "clientFileName");
    Optional<String> extension = extensionOf(clientFileName);
    Path temp = posix
        ? Files.createTempFile(directory, TEMP_PREFIX, ".part", OWNER_ONLY)
        : Files.createTempFile(directory, TEMP_PREFIX, ".part");
    boolean moved = false;
    try {
      Hasher hasher = Digests.newHasher(DigestAlgorithm.SHA256);
      byte[] head = new byte[sniffBytes];
      int headLength = 0;
      long total = 0;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        byte[] chunk = new byte[CHUNK_BYTES];
        int read;
        while ((read = body.read(chunk)) != -1) {
          total += read;
          if (total > maxUploadBytes) {
            throw new UploadRejectedException(
                Reason.TOO_LARGE, "upload is larger than " + maxUploadBytes + " bytes");
          }
          int toHead = Math.min(read, head.length - headLength);
          System.arraycopy(chunk, 0, head, headLength, toHead);
          headLength += toHead;
          hasher.update(chunk, 0, read);
          ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        }
        if (total == 0) {
          throw new UploadRejectedException(Reason.EMPTY, "upload is empty");
        }
        out.force(true);
      }
      UploadType type = sniff(Arrays.copyOf(head, headLength));
      if (extension.isEmpty() || !type.extensions().contains(extension.get())) {
        throw new UploadRejectedException(
            Reason.EXTENSION_MISMATCH, "file name extension does not match the content type " + type.mediaType());
      }
      String storedName = tokens.hex(NAME_RANDOM_BYTES) + "." + type.extensions().getFirst();
      Path target = directory.resolve(storedName);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      syncDirectory();
      return new StoredUpload(storedName, target, type, total, HexFormat.of().formatHex(hasher.digest()));
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private UploadType sniff(byte[] head) throws IOException, UploadRejectedException {
    // No name and no declared type in the metadata: Tika decides from the magic bytes alone.
    MediaType detected = mimeTypes.detect(new ByteArrayInputStream(head), new Metadata());
    String base = detected.getBaseType().toString();
    for (UploadType type : allowed) {
      if (type.mediaType().equals(base)) {
        return type;
      }
    }
    throw new UploadRejectedException(Reason.TYPE_NOT_ALLOWED, "content type " + base + " is not allowed");
  }

  /** The lower-case ASCII extension after the last dot, if it is 1 to 10 letters or digits. */
  static Optional<String> extensionOf(String clientFileName) {
    int dot = clientFileName.lastIndexOf('.');
    if (dot < 0 || dot == clientFileName.length() - 1) {
      return Optional.empty();
    }
    String extension = clientFileName.substring(dot + 1);
    if (extension.length() > 10 || !extension.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      return Optional.empty();
    }
    return Optional.of(extension.toLowerCase(Locale.ROOT));
  }

  /** Makes the rename durable: without it a crash can lose the directory entry (ext4, XFS). */
  private void syncDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (FileSystemException notSupported) {
      // Some platforms cannot open a directory as a channel; the rename itself is still atomic.
    }
  }

  /** Builds an {@link UploadStore}. Not thread-safe; the built store is. */
  public static final class Builder {
    private final Path directory;
    private final EnumSet<UploadType> allowed = EnumSet.noneOf(UploadType.class);
    private Limits limits = Limits.defaults();
    private SecureTokens tokens = SecureTokens.system();

    private Builder(Path directory) {
      Objects.requireNonNull(directory, "directory");
      try {
        this.directory = directory.toRealPath();
      } catch (IOException e) {
        throw new IllegalArgumentException("upload directory does not exist", e);
      }
      if (!Files.isDirectory(this.directory)) {
        throw new IllegalArgumentException("upload directory is not a directory");
      }
    }

    /** Adds types to the allowlist; at least one is required. */
    public Builder allow(UploadType... types) {
      allowed.addAll(List.of(types));
      return this;
    }

    /** The shared limits; {@link Limits#maxUploadBytes()} is the size cap. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The random source for stored names (tests); defaults to the system DRBG. */
    public Builder tokens(SecureTokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * @throws IllegalArgumentException if no type was allowed
     */
    public UploadStore build() {
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("allow at least one UploadType");
      }
      return new UploadStore(this);
    }
  }
}
