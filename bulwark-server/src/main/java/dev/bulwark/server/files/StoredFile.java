package dev.bulwark.server.files;

import java.time.Instant;
import java.util.Objects;

/**
 * What the database holds about one uploaded file. The bytes live under {@code storedName} in the
 * files directory; {@code originalName} is the client's name after {@link FileNames#sanitize} and is
 * never used as a path.
 *
 * @param id the public random id ({@code file_...})
 * @param owner the owning account id: every query filters on it
 * @param storedName the random name guard's UploadStore gave the bytes
 * @param originalName the sanitized client name, for Content-Disposition only
 * @param mediaType the type sniffed from the content (never the client's claim)
 * @param sizeBytes the length
 * @param sha256Hex the lower-case hex SHA-256 of the content
 * @param createdAt when it was uploaded
 */
public record StoredFile(String id, String owner, String storedName, String originalName, String mediaType,
    long sizeBytes, String sha256Hex, Instant createdAt) {
  public StoredFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(storedName, "storedName");
    Objects.requireNonNull(originalName, "originalName");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
