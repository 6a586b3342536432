package dev.bulwark.auth.password.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * Loading a system library and moving bytes across the FFM boundary, for the native Argon2
 * engines. Libraries are looked up by plain name in the system's search path (never a path taken
 * from configuration or input) and stay loaded for the life of the JVM.
 *
 * <p>Thread-safe (stateless).
 */
final class NativeLibraries {
  private NativeLibraries() {}

  /** {@code symbol} in library {@code name}, or empty if the library or the symbol is absent. */
  @SuppressWarnings("restricted") // the native call is the point; bounds are checked in supports()
  static Optional<MemorySegment> find(String name, String symbol) {
    try {
      return SymbolLookup.libraryLookup(name, Arena.global()).find(symbol);
    } catch (IllegalArgumentException | IllegalCallerException | UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }

  /** A native copy of {@code bytes} in {@code arena}; {@link MemorySegment#NULL} for null. */
  static MemorySegment copy(Arena arena, byte[] bytes) {
    if (bytes == null) {
      return MemorySegment.NULL;
    }
    MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
    MemorySegment.copy(bytes, 0, segment, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
    return segment;
  }

  /** Zeroes every non-null segment (password and secret copies, the tag) before the arena frees them. */
  static void wipe(MemorySegment... segments) {
    for (MemorySegment segment : segments) {
      if (!segment.equals(MemorySegment.NULL)) {
        segment.fill((byte) 0);
      }
    }
  }
}
