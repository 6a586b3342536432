package dev.bulwark.guard.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.util.Objects;

/**
 * Reads one object from a Java serialization stream through a {@link SerialFilter}, with the
 * stream's bytes capped at the filter's limit even where the JDK's filter is not consulted (long
 * strings, block data).
 *
 * {@snippet :
 * SafeObjectInput input = SafeObjectInput.of(filter, Limits.defaults().maxDocumentBytes());
 * Order order = input.read(body, Order.class);   // or SerialRejectedException
 * }
 *
 * <p>Guarantee: the filter is set before the first object is read, so a rejected class never runs
 * any code; the result is checked against the expected type before it is returned. Immutable and
 * thread-safe; each call uses its own stream.
 */
public final class SafeObjectInput {
  private final SerialFilter filter;
  private final long maxStreamBytes;

  private SafeObjectInput(SerialFilter filter, long maxStreamBytes) {
    this.filter = filter;
    this.maxStreamBytes = maxStreamBytes;
  }

  /**
   * @param filter the allowlist and graph bounds
   * @param maxStreamBytes the most bytes read from the stream (use {@code limits.maxDocumentBytes()})
   * @throws IllegalArgumentException if {@code maxStreamBytes} is not positive
   */
  public static SafeObjectInput of(SerialFilter filter, long maxStreamBytes) {
    if (maxStreamBytes < 1) {
      throw new IllegalArgumentException("maxStreamBytes must be positive");
    }
    return new SafeObjectInput(Objects.requireNonNull(filter, "filter"), maxStreamBytes);
  }

  /**
   * Reads one object of type {@code expected}. Does not close {@code in}.
   *
   * @throws SerialRejectedException if the filter rejects a class or bound, the stream is longer
   *     than allowed or malformed, or the object is not an {@code expected}
   */
  public <T> T read(InputStream in, Class<T> expected) throws SerialRejectedException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(expected, "expected");
    Object value;
    try (ObjectInputStream objects = new ObjectInputStream(new BoundedInputStream(in, maxStreamBytes))) {
      objects.setObjectInputFilter(filter);
      value = objects.readObject();
    } catch (InvalidClassException e) {
      // The JDK reports a filter rejection as InvalidClassException("filter status: REJECTED").
      throw new SerialRejectedException("serialized stream refused by the allowlist or a limit", e);
    } catch (BoundedInputStream.LimitExceededException e) {
      throw new SerialRejectedException("serialized stream longer than " + maxStreamBytes + " bytes", e);
    } catch (ObjectStreamException | ClassNotFoundException e) {
      throw new SerialRejectedException("malformed serialized stream", e);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: a malformed stream can make JDK collection readObject methods throw
      // (negative sizes, ClassCastException) after the allowlist has admitted the class.
      throw new SerialRejectedException("unreadable serialized stream", e);
    }
    if (!expected.isInstance(value)) {
      throw new SerialRejectedException("serialized stream holds an unexpected type");
    }
    return expected.cast(value);
  }
}
