package dev.bulwark.server.transit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transit key as its owner may see it: never the key material, only what it is, its versions
 * and, for X-Wing, each version's public key (so clients can encrypt offline).
 *
 * @param name the key's name (unique per owner)
 * @param type its type
 * @param latestVersion the version that encrypts
 * @param minDecryptionVersion versions below this are refused on decrypt and rewrap
 * @param createdAtMillis when it was created
 * @param updatedAtMillis when it was last rotated or reconfigured
 * @param versions every version, oldest first
 */
public record TransitKeyInfo(
    String name,
    TransitKeyType type,
    int latestVersion,
    int minDecryptionVersion,
    long createdAtMillis,
    long updatedAtMillis,
    List<Version> versions) {

  public TransitKeyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    versions = List.copyOf(versions);
  }

  /**
   * One version.
   *
   * @param version its number
   * @param createdAtMillis when it was made
   * @param publicKey the raw X-Wing public key (1216 bytes), empty for symmetric keys
   */
  public record Version(int version, long createdAtMillis, Optional<byte[]> publicKey) {
    public Version {
      publicKey = publicKey.map(byte[]::clone);
    }

    /** A copy of the public key, if any. */
    @Override
    public Optional<byte[]> publicKey() {
      return publicKey.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Version v && v.version == version && v.createdAtMillis == createdAtMillis
          && Arrays.equals(v.publicKey.orElse(null), publicKey.orElse(null));
    }

    @Override
    public int hashCode() {
      return Objects.hash(version, createdAtMillis, Arrays.hashCode(publicKey.orElse(null)));
    }

    @Override
    public String toString() {
      return "Version[" + version + "]";
    }
  }
}
