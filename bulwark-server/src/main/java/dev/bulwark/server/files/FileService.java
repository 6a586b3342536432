package dev.bulwark.server.files;

import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.files.SafePaths;
import dev.bulwark.guard.files.StoredUpload;
import dev.bulwark.guard.files.UnsafePathException;
import dev.bulwark.guard.files.UploadRejectedException;
import dev.bulwark.guard.files.UploadStore;
import dev.bulwark.guard.files.UploadType;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-owner file storage: the bytes through guard's {@link UploadStore} (size cap, sniffed type on
 * an allowlist, extension check, random name, atomic fsynced write, {@code rw-------}) in the files
 * directory, the metadata in table {@code files}.
 *
 * <p>Guarantees: an upload is acknowledged only after its bytes and its row are durable and its
 * audit event is recorded (the event is written inside the row's transaction, so a failed audit
 * rolls the upload back and removes the bytes). Every lookup filters on the owner: another owner's
 * id is indistinguishable from an unknown one. Rejects (with guard's {@link UploadRejectedException}):
 * empty, oversized, disallowed type, extension that disagrees with the content.
 *
 * {@snippet :
 * FileService files = FileService.create(database, dataDir.resolve("files"), audit, Limits.defaults(), Clock.systemUTC());
 * StoredFile f = files.upload(accountId, request.bodyInputStream(), "report.pdf");
 * }
 *
 * <p>Thread-safe.
 */
public final class FileService {
  /** Types accepted: images, PDF and plain text; nothing a browser would run (guard's list). */
  public static final List<UploadType> ALLOWED_TYPES =
      List.of(UploadType.PNG, UploadType.JPEG, UploadType.GIF, UploadType.WEBP, UploadType.PDF, UploadType.PLAIN_TEXT);

  /** Most files one listing returns. */
  public static final int MAX_LISTED = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

  private final Database database;
  private final FileRepository repository;
  private final UploadStore uploads;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureTokens tokens = SecureTokens.system();

  private FileService(Database database, UploadStore uploads, AuditTrail audit, Clock clock) {
    this.database = database;
    this.repository = new FileRepository(database);
    this.uploads = uploads;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A service storing into {@code directory} (created owner-only if absent).
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static FileService create(Database database, Path directory, AuditTrail audit, Limits limits, Clock clock) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(clock, "clock");
    try {
      if (!Files.isDirectory(directory)) {
        if (directory.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(directory);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("creating the files directory failed", e);
    }
    UploadStore store = UploadStore.builder(directory).allow(ALLOWED_TYPES.toArray(UploadType[]::new)).limits(limits).build();
    return new FileService(database, store, audit, clock);
  }

  /**
   * Stores an upload for {@code owner}.
   *
   * @throws UploadRejectedException if guard's store refuses it (nothing is kept)
   * @throws IOException if reading the body or writing the disk failed (nothing is kept)
   */
  public StoredFile upload(String owner, InputStream body, String clientName) throws UploadRejectedException, IOException {
    Objects.requireNonNull(owner, "owner");
    StoredUpload stored = uploads.store(body, Objects.requireNonNullElse(clientName, ""));
    StoredFile file = new StoredFile("file_" + tokens.base62(16), owner, stored.storedName(), FileNames.sanitize(clientName),
        stored.type().mediaType(), stored.sizeBytes(), stored.sha256Hex(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    boolean committed = false;
    try {
      database.inTransaction(c -> {
        FileRepository.insert(c, file);
        audit.record("file.upload", owner, "success", Map.of("file_id", file.id(), "size_bytes", Long.toString(file.sizeBytes()),
            "media_type", file.mediaType(), "sha256", file.sha256Hex()));
        return null;
      });
      committed = true;
    } finally {
      if (!committed) {
        Files.deleteIfExists(stored.path());
      }
    }
    return file;
  }

  /** The owner's files, oldest first, at most {@value #MAX_LISTED}. */
  public List<StoredFile> list(String owner) {
    return repository.list(Objects.requireNonNull(owner, "owner"), MAX_LISTED);
  }

  /** The owner's file's metadata, empty if unknown or another owner's. */
  public Optional<StoredFile> find(String owner, String id) {
    return repository.find(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(id, "id"));
  }

  /**
   * Opens the owner's file for download (audited), empty if unknown or another owner's.
   *
   * @throws IOException if the stored bytes cannot be opened
   */
  public Optional<Download> download(String owner, String id) throws IOException {
    Optional<StoredFile> file = find(owner, id);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = SafePaths.resolve(uploads.directory(), file.get().storedName());
    } catch (UnsafePathException e) {
      throw new IOException("stored file name is not a safe path", e);
    }
    audit.record("file.download", owner, "success", Map.of("file_id", id));
    return Optional.of(new Download(file.get(), Files.newInputStream(path)));
  }

  /**
   * Deletes the owner's file (audited).
   *
   * @return false if it was unknown or another owner's
   */
  public boolean delete(String owner, String id) {
    Optional<StoredFile> deleted = database.inTransaction(c -> {
      Optional<StoredFile> row = FileRepository.delete(c, owner, id);
      if (row.isPresent()) {
        audit.record("file.delete", owner, "success", Map.of("file_id", id));
      }
      return row;
    });
    deleted.ifPresent(this::removeBytes);
    return deleted.isPresent();
  }

  private void removeBytes(StoredFile file) {
    try {
      Files.deleteIfExists(SafePaths.resolve(uploads.directory(), file.storedName()));
    } catch (IOException | UnsafePathException e) {
      // The row is gone, so the bytes are unreachable through the API; an operator can sweep them.
      // A constant line: neither the path nor the exception text (which holds the path) is logged.
      LOG.warn("a deleted file's bytes could not be removed; they are unreachable, sweep the files directory");
    }
  }

  /**
   * An opened download: close {@code content} when done.
   *
   * @param file the metadata
   * @param content the bytes
   */
  public record Download(StoredFile file, InputStream content) {
    public Download {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(content, "content");
    }
  }
}
