package dev.bulwark.guard.signed;

/**
 * A payload whose tag {@link SignedPayload#verify verified}. Only the verifier makes one (the
 * constructor is not public), so holding a {@code VerifiedPayload} means the body came from a
 * holder of the key named by {@link #keyId()}, unchanged. Immutable if {@code T} is.
 *
 * @param <T> the body's type
 */
public final class VerifiedPayload<T> {
  private final String keyId;
  private final T value;

  VerifiedPayload(String keyId, T value) {
    this.keyId = keyId;
    this.value = value;
  }

  /** The id of the key that verified the payload. */
  public String keyId() {
    return keyId;
  }

  /** The parsed body. */
  public T value() {
    return value;
  }

  @Override
  public String toString() {
    return "VerifiedPayload[keyId=" + keyId + ", value redacted]";
  }
}
