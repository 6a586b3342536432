package dev.bulwark.server.secrets;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What is known about a secret path without decrypting anything: safe to return to its owner.
 *
 * @param path the path
 * @param currentVersion the newest version written (versions count up from 1 and are never reused)
 * @param createdAtMillis when the path was first written
 * @param updatedAtMillis when the newest version was written
 * @param versions the kept versions (at most {@link SecretStore#MAX_VERSIONS}), oldest first
 */
public record SecretMetadata(
    SecretPath path, int currentVersion, long createdAtMillis, long updatedAtMillis, List<Version> versions) {

  public SecretMetadata {
    Objects.requireNonNull(path, "path");
    versions = List.copyOf(versions);
  }

  /**
   * One kept version.
   *
   * @param version its number
   * @param createdAtMillis when it was written
   * @param deletedAtMillis when it was soft-deleted, if it is (undelete clears it)
   * @param destroyed whether its data is gone for good
   */
  public record Version(int version, long createdAtMillis, OptionalLong deletedAtMillis, boolean destroyed) {
    public Version {
      Objects.requireNonNull(deletedAtMillis, "deletedAtMillis");
    }
  }
}
