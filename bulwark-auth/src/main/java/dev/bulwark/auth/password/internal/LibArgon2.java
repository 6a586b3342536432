package dev.bulwark.auth.password.internal;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * The reference C implementation of Argon2 (P-H-C's libargon2, Debian {@code libargon2-1}) through
 * the Java FFM API: {@code argon2_ctx}, which takes the whole RFC 9106 input (secret K and
 * associated data X included) and runs the {@code p} lanes on {@code p} threads.
 *
 * <p>Bounds: {@link #supports} admits only inputs inside the library's own limits (salt at least 8
 * bytes, tag at least 4, m at least 8 × p) and inside {@link #MAX_FIELD_BYTES} and {@link
 * #MAX_MEMORY_KIB}; those are checked in Java before the call, so no C integer truncates. The
 * inputs are copied into native memory owned by a confined arena and zeroed before it closes.
 *
 * <p>Thread-safe: each call has its own arena and context structure.
 */
final class LibArgon2 implements Argon2Engine {
  /** Library names tried in order (Debian/Ubuntu/Fedora soname, then the development link). */
  static final List<String> DEFAULT_NAMES = List.of("libargon2.so.1", "libargon2.so", "libargon2.1.dylib");

  /** Largest password, salt, secret, associated data or tag passed to C, in bytes. */
  static final int MAX_FIELD_BYTES = 1 << 20;

  /** Largest m passed to C: 4 GiB, far above any {@code VerificationLimits} a caller sets. */
  static final int MAX_MEMORY_KIB = 1 << 22;

  private static final int ARGON2_VERSION_13 = 0x13;
  private static final int ARGON2_OK = 0;

  /** {@code argon2_context} from argon2.h (uint32_t lengths after pointers; LP64 and LLP64 alike). */
  private static final StructLayout CONTEXT =
      MemoryLayout.structLayout(
          ADDRESS.withName("out"), JAVA_INT.withName("outlen"), MemoryLayout.paddingLayout(4),
          ADDRESS.withName("pwd"), JAVA_INT.withName("pwdlen"), MemoryLayout.paddingLayout(4),
          ADDRESS.withName("salt"), JAVA_INT.withName("saltlen"), MemoryLayout.paddingLayout(4),
          ADDRESS.withName("secret"), JAVA_INT.withName("secretlen"), MemoryLayout.paddingLayout(4),
          ADDRESS.withName("ad"), JAVA_INT.withName("adlen"),
          JAVA_INT.withName("t_cost"), JAVA_INT.withName("m_cost"), JAVA_INT.withName("lanes"),
          JAVA_INT.withName("threads"), JAVA_INT.withName("version"),
          ADDRESS.withName("allocate_cbk"), ADDRESS.withName("free_cbk"),
          JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4));

  private final MethodHandle argon2Ctx;
  private final String library;

  private LibArgon2(MethodHandle argon2Ctx, String library) {
    this.argon2Ctx = argon2Ctx;
    this.library = library;
  }

  /** The first of {@code names} that loads and exports {@code argon2_ctx}, or empty. */
  @SuppressWarnings("restricted") // the native call is the point; bounds are checked in supports()
  static Optional<LibArgon2> load(List<String> names) {
    for (String name : names) {
      Optional<MemorySegment> symbol = NativeLibraries.find(name, "argon2_ctx");
      if (symbol.isPresent()) {
        MethodHandle handle =
            Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        return Optional.of(new LibArgon2(handle, name));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean supports(Argon2Job job) {
    return job.salt().length >= 8
        && job.outLen() >= 4
        && job.lanes() <= 255
        && job.memoryKiB() >= 8 * job.lanes()
        && job.memoryKiB() <= MAX_MEMORY_KIB
        && job.password().length <= MAX_FIELD_BYTES
        && job.salt().length <= MAX_FIELD_BYTES
        && job.secretLength() <= MAX_FIELD_BYTES
        && job.associatedDataLength() <= MAX_FIELD_BYTES
        && job.outLen() <= MAX_FIELD_BYTES;
  }

  @Override
  public byte[] hash(Argon2Job job) {
    if (!supports(job)) {
      throw new IllegalArgumentException("Argon2 input outside libargon2's bounds");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(job.outLen());
      MemorySegment pwd = NativeLibraries.copy(arena, job.password());
      MemorySegment salt = NativeLibraries.copy(arena, job.salt());
      MemorySegment secret = NativeLibraries.copy(arena, job.secret());
      MemorySegment ad = NativeLibraries.copy(arena, job.associatedData());
      MemorySegment ctx = arena.allocate(CONTEXT);
      try {
        put(ctx, "out", out);
        putInt(ctx, "outlen", job.outLen());
        put(ctx, "pwd", pwd);
        putInt(ctx, "pwdlen", job.password().length);
        put(ctx, "salt", salt);
        putInt(ctx, "saltlen", job.salt().length);
        put(ctx, "secret", secret);
        putInt(ctx, "secretlen", job.secretLength());
        put(ctx, "ad", ad);
        putInt(ctx, "adlen", job.associatedDataLength());
        putInt(ctx, "t_cost", job.iterations());
        putInt(ctx, "m_cost", job.memoryKiB());
        putInt(ctx, "lanes", job.lanes());
        putInt(ctx, "threads", job.lanes());
        putInt(ctx, "version", ARGON2_VERSION_13);
        put(ctx, "allocate_cbk", MemorySegment.NULL);
        put(ctx, "free_cbk", MemorySegment.NULL);
        putInt(ctx, "flags", 0);
        int rc = (int) argon2Ctx.invokeExact(ctx, typeCode(job.type()));
        if (rc != ARGON2_OK) {
          throw new IllegalStateException("libargon2 failed with error code " + rc);
        }
        return out.toArray(JAVA_BYTE);
      } finally {
        NativeLibraries.wipe(pwd, secret, out);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("libargon2 call failed", t);
    }
  }

  /** argon2.h's {@code argon2_type}: Argon2_d = 0, Argon2_i = 1, Argon2_id = 2. */
  private static int typeCode(int type) {
    if (type == Kdfs.ARGON2D) {
      return 0;
    }
    return type == Kdfs.ARGON2I ? 1 : 2;
  }

  private static void put(MemorySegment ctx, String field, MemorySegment value) {
    ctx.set(ADDRESS, CONTEXT.byteOffset(groupElement(field)), value);
  }

  private static void putInt(MemorySegment ctx, String field, int value) {
    ctx.set(JAVA_INT, CONTEXT.byteOffset(groupElement(field)), value);
  }

  @Override
  public String description() {
    return "libargon2 (" + library + ", threaded lanes)";
  }
}
