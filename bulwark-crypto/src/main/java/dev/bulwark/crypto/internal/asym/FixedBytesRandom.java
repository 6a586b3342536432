package dev.bulwark.crypto.internal.asym;

import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A {@link SecureRandom} that hands out exactly the bytes it was given, in order, and then refuses.
 * It exists for one purpose: deriving a key pair from a standard seed (FIPS 203 {@code d||z}, FIPS
 * 204 {@code xi}) through the JDK's generators, which draw their seed from the random source they are
 * given and offer no other seeded entry point. If a JDK ever drew a different amount, this fails
 * loudly ({@link IllegalStateException}) instead of producing a wrong key; the known-answer tests pin
 * the result. Not for general use; thread-safe; refuses serialization.
 */
public final class FixedBytesRandom extends SecureRandom {
  @Serial private static final long serialVersionUID = 1L;
  private final byte[] bytes;
  private int offset;

  /** A source that yields a copy of {@code bytes}, once. */
  public FixedBytesRandom(byte[] bytes) {
    super(new byte[0]);
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (bytes == null || out.length > bytes.length - offset) {
      throw new IllegalStateException("seeded generation drew more randomness than the seed holds");
    }
    System.arraycopy(bytes, offset, out, 0, out.length);
    offset += out.length;
  }

  /** Whether every byte was consumed (a seeded generation must use the whole seed). */
  public synchronized boolean exhausted() {
    return bytes != null && offset == bytes.length;
  }

  /** Zeroes the remaining copy of the seed. */
  public synchronized void wipe() {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Serial
  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("a seeded generation source is never serialized");
  }

  @Serial
  private void readObject(ObjectInputStream in) throws NotSerializableException {
    throw new NotSerializableException("a seeded generation source is never serialized");
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    throw new IllegalStateException("seeded generation asked for a fresh seed");
  }
}
