package dev.bulwark.guard.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An upload that {@link UploadStore} accepted and wrote durably.
 *
 * @param storedName the random name it was stored under (hex, then the type's canonical extension);
 *     unrelated to the client's file name, so it can be used in URLs and paths as is
 * @param path the stored file
 * @param type the content type sniffed from its bytes
 * @param sizeBytes its length in bytes
 * @param sha256Hex the lower-case hex SHA-256 of its content
 */
public record StoredUpload(String storedName, Path path, UploadType type, long sizeBytes, String sha256Hex) {
  public StoredUpload {
    Objects.requireNonNull(storedName, "storedName");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
  }
}
