package dev.bulwark.guard.serial;

import java.io.ObjectInputFilter;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * Installs a {@link SerialFilter} as the JVM-wide deserialization filter factory, so every {@link
 * java.io.ObjectInputStream} in the process (including ones inside libraries that never call {@code
 * setObjectInputFilter}) is filtered by it.
 *
 * <p>Guarantee: the installed factory never weakens the guard. A stream-specific filter a library
 * sets later is merged with ours ({@link ObjectInputFilter#merge}): it can reject more, never allow
 * a class this filter rejects, and a class both leave undecided is rejected.
 *
 * {@snippet :
 * // First thing in main(), before any ObjectInputStream exists:
 * SerialFilterInstaller.installJvmWide(SerialFilter.builder(Limits.defaults()).allowJdkValueTypes().build());
 * }
 *
 * <p>Warning: the JDK accepts a factory once per process, and only before the first {@code
 * ObjectInputStream} is created; call it at start-up. Thread-safe.
 */
public final class SerialFilterInstaller {
  private SerialFilterInstaller() {}

  /**
   * Sets the JVM-wide filter factory to {@link #factory(SerialFilter)}.
   *
   * @throws IllegalStateException if a factory was already set (by this method, by the {@code
   *     jdk.serialFilterFactory} property) or an {@code ObjectInputStream} was already created
   */
  public static void installJvmWide(SerialFilter filter) {
    ObjectInputFilter.Config.setSerialFilterFactory(factory(filter));
  }

  /**
   * The factory {@link #installJvmWide} installs: given the stream's current filter and the one
   * requested for it, it returns a filter that applies {@code filter} as well and rejects whatever
   * is left undecided.
   */
  public static BinaryOperator<ObjectInputFilter> factory(SerialFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return (current, requested) -> {
      // The JDK calls the factory at construction (current = null, requested = the static
      // jdk.serialFilter, if any) and again on setObjectInputFilter (current = what we returned).
      ObjectInputFilter combined = filter;
      if (requested != null && requested != filter) {
        combined = ObjectInputFilter.merge(requested, combined);
      }
      if (current != null && current != filter && current != requested) {
        combined = ObjectInputFilter.merge(current, combined);
      }
      return ObjectInputFilter.rejectUndecidedClass(combined);
    };
  }
}
