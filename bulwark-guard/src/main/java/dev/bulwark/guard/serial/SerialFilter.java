package dev.bulwark.guard.serial;

import dev.bulwark.guard.Limits;
import java.io.ObjectInputFilter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An allowlist {@link ObjectInputFilter} for Java deserialization: only the classes and packages
 * named here may be instantiated, and the graph is bounded by a {@link Limits} policy (depth, total
 * references, array length, stream bytes).
 *
 * <p>Guarantee: the filter runs when {@link java.io.ObjectInputStream} has resolved a class and
 * before it allocates an instance or calls any {@code readObject}/{@code readResolve} of it, so a
 * class that is not allowlisted (every known gadget: {@code InvokerTransformer}, {@code
 * TemplatesImpl}, dynamic {@link java.lang.reflect.Proxy} classes and their handlers) never runs
 * code. Anything not explicitly allowed is {@link ObjectInputFilter.Status#REJECTED}, never
 * {@code UNDECIDED}: a reject-by-default list, not a blocklist.
 *
 * {@snippet :
 * SerialFilter filter = SerialFilter.builder(Limits.defaults())
 *     .allowClass(Order.class)
 *     .allowPackage("com.example.orders.model")
 *     .build();
 * try (ObjectInputStream in = new ObjectInputStream(body)) {
 *   in.setObjectInputFilter(filter);
 *   Order order = (Order) in.readObject();   // InvalidClassException("filter status: REJECTED")
 * }
 * }
 *
 * <p>Primitive types, arrays of allowed component types, and {@code Object[]} and {@code
 * Map.Entry[]} (which collections allocate while reading, and whose elements are each checked) are
 * allowed; an array's length counts
 * against {@link Limits#maxEntries()}. Class names are matched exactly, packages without their
 * subpackages. Immutable and thread-safe.
 */
public final class SerialFilter implements ObjectInputFilter {
  private static final Pattern JAVA_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final Set<String> classNames;
  private final Set<String> packageNames;
  private final long maxStreamBytes;
  private final long maxDepth;
  private final long maxReferences;
  private final long maxArrayLength;

  private SerialFilter(Builder builder) {
    this.classNames = Set.copyOf(builder.classNames);
    this.packageNames = Set.copyOf(builder.packageNames);
    this.maxStreamBytes = builder.limits.maxDocumentBytes();
    this.maxDepth = builder.limits.maxNestingDepth();
    this.maxReferences = builder.limits.maxTotalObjects();
    this.maxArrayLength = builder.limits.maxEntries();
  }

  /** A builder whose bounds come from {@code limits}; it allows no class until told. */
  public static Builder builder(Limits limits) {
    return new Builder(Objects.requireNonNull(limits, "limits"));
  }

  @Override
  public Status checkInput(FilterInfo info) {
    // Bounds first: they also apply to back-references and nulls, where serialClass() is null.
    if (info.streamBytes() > maxStreamBytes
        || info.depth() > maxDepth
        || info.references() > maxReferences
        || info.arrayLength() > maxArrayLength) {
      return Status.REJECTED;
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return Status.ALLOWED;
    }
    boolean array = type.isArray();
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (array && (type == Object.class || type == java.util.Map.Entry.class)) {
      // An array of references runs no code; each element is checked on its own when read
      // (ArrayList and HashMap allocate these in their readObject).
      return Status.ALLOWED;
    }
    if (type.isPrimitive() || classNames.contains(type.getName())
        || (packageNames.contains(type.getPackageName()) && !java.lang.reflect.Proxy.isProxyClass(type))) {
      return Status.ALLOWED;
    }
    return Status.REJECTED;
  }

  /** The exact class names this filter allows (for diagnostics; never includes a pattern). */
  public Set<String> allowedClassNames() {
    return classNames;
  }

  /** The packages whose direct classes this filter allows. */
  public Set<String> allowedPackages() {
    return packageNames;
  }

  @Override
  public String toString() {
    return "SerialFilter[classes=" + classNames.size() + ", packages=" + packageNames
        + ", maxStreamBytes=" + maxStreamBytes + ", maxDepth=" + maxDepth
        + ", maxReferences=" + maxReferences + ", maxArrayLength=" + maxArrayLength + "]";
  }

  /** Collects the allowlist. Not thread-safe; the built filter is. */
  public static final class Builder {
    private final Limits limits;
    private final Set<String> classNames = new HashSet<>();
    private final Set<String> packageNames = new HashSet<>();

    private Builder(Limits limits) {
      this.limits = limits;
    }

    /**
     * Allows exactly {@code type} (not its subclasses: a subclass could override {@code
     * readObject}).
     *
     * @throws IllegalArgumentException for a dynamic proxy class, whose handler decides what runs
     */
    public Builder allowClass(Class<?> type) {
      Objects.requireNonNull(type, "type");
      if (java.lang.reflect.Proxy.isProxyClass(type)) {
        throw new IllegalArgumentException("dynamic proxy classes cannot be allowlisted");
      }
      classNames.add(type.getName());
      return this;
    }

    /**
     * Allows every class directly in {@code packageName} (not its subpackages). Prefer {@link
     * #allowClass}: a package may grow a dangerous class later.
     *
     * @throws IllegalArgumentException unless a dotted Java package name, or for {@code java.*}
     *     and {@code javax.*} roots, which hold gadget-capable classes
     */
    public Builder allowPackage(String packageName) {
      Objects.requireNonNull(packageName, "packageName");
      if (!JAVA_NAME.matcher(packageName).matches()) {
        throw new IllegalArgumentException("not a package name (no wildcards): " + packageName);
      }
      if (packageName.equals("java.lang") || packageName.equals("java.util")
          || packageName.startsWith("java.lang.") || packageName.startsWith("javax.")
          || packageName.startsWith("sun.") || packageName.startsWith("com.sun.")
          || packageName.startsWith("jdk.")) {
        throw new IllegalArgumentException(
            "allow JDK classes one by one with allowClass or allowJdkValueTypes, not package " + packageName);
      }
      packageNames.add(packageName);
      return this;
    }

    /**
     * Allows the JDK's plain value types: boxed primitives, {@link Number}, {@link String}, {@link
     * Enum}, {@link java.math.BigInteger}, {@link java.math.BigDecimal}, and {@link
     * java.util.ArrayList}, {@link java.util.HashMap}, {@link java.util.LinkedHashMap}, {@link
     * java.util.HashSet}. None of them runs code other than its own elements' {@code hashCode} and
     * {@code equals}, which only allowlisted classes can supply.
     */
    public Builder allowJdkValueTypes() {
      for (Class<?> type : new Class<?>[] {Boolean.class, Byte.class, Character.class, Short.class,
          Integer.class, Long.class, Float.class, Double.class, Number.class, String.class, Enum.class,
          java.math.BigInteger.class, java.math.BigDecimal.class, java.util.ArrayList.class,
          java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.HashSet.class}) {
        allowClass(type);
      }
      return this;
    }

    /** The filter; an empty allowlist is valid and rejects every class. */
    public SerialFilter build() {
      return new SerialFilter(this);
    }
  }
}
