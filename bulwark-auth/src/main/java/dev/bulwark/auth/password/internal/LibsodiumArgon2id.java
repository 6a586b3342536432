package dev.bulwark.auth.password.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Argon2id from libsodium ({@code crypto_pwhash} with {@code crypto_pwhash_ALG_ARGON2ID13}) through
 * the Java FFM API. libsodium picks its AVX2/SSSE3 block function at {@code sodium_init}, which
 * makes one lane about three times faster than the portable reference code; but its API has no
 * lanes, secret or associated data, and a fixed 16-byte salt. So {@link #supports} admits exactly:
 * Argon2id, p = 1, a 16-byte salt, no K, no X, a tag of 16 to {@link LibArgon2#MAX_FIELD_BYTES}
 * bytes, m from 8 KiB to {@link LibArgon2#MAX_MEMORY_KIB}; everything else goes to another engine.
 *
 * <p>Thread-safe: libsodium's {@code crypto_pwhash} is reentrant; each call has its own arena.
 */
final class LibsodiumArgon2id implements Argon2Engine {
  /** Library names tried in order (Debian 12 soname, newer soname, development link). */
  static final List<String> DEFAULT_NAMES =
      List.of("libsodium.so.23", "libsodium.so.26", "libsodium.so", "libsodium.dylib");

  private static final int SALT_BYTES = 16;
  private static final int MIN_TAG_BYTES = 16;
  private static final int ALG_ARGON2ID13 = 2;

  private final MethodHandle pwhash;
  private final String library;

  private LibsodiumArgon2id(MethodHandle pwhash, String library) {
    this.pwhash = pwhash;
    this.library = library;
  }

  /** The first of {@code names} that loads, exports {@code crypto_pwhash} and initialises, or empty. */
  @SuppressWarnings("restricted") // the native call is the point; bounds are checked in supports()
  static Optional<LibsodiumArgon2id> load(List<String> names) {
    Linker linker = Linker.nativeLinker();
    for (String name : names) {
      Optional<MemorySegment> init = NativeLibraries.find(name, "sodium_init");
      Optional<MemorySegment> pwhash = NativeLibraries.find(name, "crypto_pwhash");
      if (init.isEmpty() || pwhash.isEmpty()) {
        continue;
      }
      try {
        // 0 = initialised now, 1 = already initialised, -1 = failure (no entropy source).
        int rc = (int) linker.downcallHandle(init.get(), FunctionDescriptor.of(JAVA_INT)).invokeExact();
        if (rc < 0) {
          continue;
        }
      } catch (Throwable t) {
        continue;
      }
      MethodHandle handle =
          linker.downcallHandle(
              pwhash.get(),
              FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG,
                  JAVA_INT));
      return Optional.of(new LibsodiumArgon2id(handle, name));
    }
    return Optional.empty();
  }

  @Override
  public boolean supports(Argon2Job job) {
    return job.type() == Kdfs.ARGON2ID
        && job.lanes() == 1
        && job.salt().length == SALT_BYTES
        && job.secretLength() == 0
        && job.associatedDataLength() == 0
        && job.outLen() >= MIN_TAG_BYTES
        && job.outLen() <= LibArgon2.MAX_FIELD_BYTES
        && job.password().length <= LibArgon2.MAX_FIELD_BYTES
        && job.memoryKiB() >= 8
        && job.memoryKiB() <= LibArgon2.MAX_MEMORY_KIB;
  }

  @Override
  public byte[] hash(Argon2Job job) {
    if (!supports(job)) {
      throw new IllegalArgumentException("Argon2 input outside libsodium's crypto_pwhash");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(job.outLen());
      MemorySegment pwd = NativeLibraries.copy(arena, job.password());
      MemorySegment salt = NativeLibraries.copy(arena, job.salt());
      try {
        int rc =
            (int)
                pwhash.invokeExact(out, (long) job.outLen(), pwd, (long) job.password().length, salt,
                    (long) job.iterations(), (long) job.memoryKiB() * 1024L, ALG_ARGON2ID13);
        if (rc != 0) {
          throw new IllegalStateException("libsodium crypto_pwhash failed (out of memory?)");
        }
        return out.toArray(JAVA_BYTE);
      } finally {
        NativeLibraries.wipe(pwd, out);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("libsodium call failed", t);
    }
  }

  @Override
  public String description() {
    return "libsodium (" + library + ", Argon2id p=1)";
  }
}
