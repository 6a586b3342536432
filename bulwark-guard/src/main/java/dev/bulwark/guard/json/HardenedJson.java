package dev.bulwark.guard.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import dev.bulwark.guard.Limits;
import java.util.Objects;
import java.util.Set;

/**
 * Factory for Jackson {@link JsonMapper}s that are safe on untrusted JSON.
 *
 * <p>Guarantees of every mapper made here:
 * <ul>
 *   <li>no default typing: a document never names a Java class to instantiate, except for
 *       properties annotated {@code @JsonTypeInfo}, and those only resolve to the exact classes
 *       given to {@link #mapper(Limits, Set)} (the CVE-2017-7525 family of gadget chains);
 *   <li>{@link StreamReadConstraints} from {@link Limits}: document bytes, nesting depth, string and
 *       number length, total tokens ({@link Limits#maxTotalObjects()});
 *   <li>duplicate keys, unknown properties, trailing tokens after the value, {@code null} or
 *       floats for primitive ints, and numbers for enums fail.
 * </ul>
 *
 * {@snippet :
 * JsonMapper mapper = HardenedJson.mapper(Limits.defaults());
 * Order order = mapper.readValue(body, Order.class);  // JsonProcessingException on anything odd
 * }
 *
 * <p>Prefer {@link SafeJson}, which wraps the mapper and turns every failure into one {@link
 * JsonRejectedException}. Warning: the returned mapper is Jackson's mutable type; do not call its
 * deprecated {@code configure}/{@code activateDefaultTyping} methods on it. Thread-safe once built.
 */
public final class HardenedJson {
  private HardenedJson() {}

  /** A mapper with no polymorphic types at all. */
  public static JsonMapper mapper(Limits limits) {
    return builder(limits, Set.of()).build();
  }

  /**
   * A mapper whose {@code @JsonTypeInfo} properties may resolve to exactly the classes in {@code
   * allowedSubtypes} (not their subclasses).
   *
   * @throws IllegalArgumentException if a class is an interface, abstract, or {@link Object}
   */
  public static JsonMapper mapper(Limits limits, Set<Class<?>> allowedSubtypes) {
    return builder(limits, allowedSubtypes).build();
  }

  /**
   * The preconfigured builder, to add modules (e.g. {@code JavaTimeModule}) before building. Do not
   * call {@code activateDefaultTyping} on it.
   */
  public static JsonMapper.Builder builder(Limits limits, Set<Class<?>> allowedSubtypes) {
    Objects.requireNonNull(limits, "limits");
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxDocumentLength(limits.maxDocumentBytes())
        .maxNestingDepth(limits.maxNestingDepth())
        .maxStringLength(limits.maxStringLength())
        .maxNumberLength(limits.maxNumberLength())
        .maxNameLength(Math.min(limits.maxStringLength(), 64 * 1024))
        .maxTokenCount(limits.maxTotalObjects())
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        // A duplicate key lets two components read two different values (CVE-2017-12635, CouchDB).
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    return JsonMapper.builder(factory)
        .polymorphicTypeValidator(allowlist(allowedSubtypes))
        .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  private static PolymorphicTypeValidator allowlist(Set<Class<?>> allowedSubtypes) {
    Set<Class<?>> exact = Set.copyOf(Objects.requireNonNull(allowedSubtypes, "allowedSubtypes"));
    for (Class<?> type : exact) {
      if (type == Object.class || type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
        throw new IllegalArgumentException("allow concrete classes only, not " + type.getName());
      }
    }
    return BasicPolymorphicTypeValidator.builder()
        .allowIfSubType(new BasicPolymorphicTypeValidator.TypeMatcher() {
          @Override
          public boolean match(MapperConfig<?> config, Class<?> clazz) {
            return exact.contains(clazz);
          }
        })
        .build();
  }
}
