package dev.bulwark.guard.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.guard.Limits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.mask.MaskingJsonGenerator;

/**
 * Redacts secrets from JSON log events written by logstash-logback-encoder, as they are written:
 *
 * <ul>
 *   <li>any field whose name means a secret ({@link SecretFieldNames}: password, token, api_key,
 *       authorization, cookie, set-cookie, private_key, credit_card, ssn, cvv...), at any depth and of
 *       any type (string, number, boolean, object, array), is replaced whole by {@value
 *       TextRedactor#MASK};
 *   <li>every string value (the message, MDC values, key-value pairs, markers, nested maps, the stack
 *       trace) is scanned by {@link TextRedactor} for Bearer tokens, JWTs, {@code bwk_} API keys, PEM
 *       private keys, AWS access keys, Luhn-valid card numbers and {@code password=...} pairs; CR/LF
 *       are neutralised outside the stack trace, and values are cut at {@link
 *       Limits#maxLogMessageChars()};
 *   <li>anything nested deeper than {@link Limits#maxLogFieldDepth()} is replaced whole;
 *   <li>in <b>allowlist mode</b> (one or more {@code allowedField} set), only the encoder's standard
 *       top-level fields and the allowed names are written; every other field is replaced whole.
 *       Prefer it where the event schema is known.
 * </ul>
 *
 * <p>Configure it on the encoder in {@code logback.xml}:
 *
 * {@snippet lang = xml :
 * <encoder class="net.logstash.logback.encoder.LogstashEncoder">
 *   <jsonGeneratorDecorator class="dev.bulwark.guard.logging.RedactingJsonGeneratorDecorator">
 *     <maxFieldDepth>16</maxFieldDepth>
 *     <allowedField>user_id</allowedField>   <!-- optional: switches to allowlist mode -->
 *     <allowedField>event</allowedField>
 *   </jsonGeneratorDecorator>
 * </encoder>
 * }
 *
 * <p><b>Warning</b>: raw JSON written with {@code StructuredArguments.raw} or {@code
 * Markers.appendRaw} bypasses every JSON generator decorator, this one included; do not use them
 * for data that may hold secrets. Redaction by shape cannot find a secret that has no shape (a
 * password in a free-text message without a {@code password=} label): log fields, not prose.
 *
 * <p>Thread-safe once configured: setters are for Logback's configurator, before the encoder starts.
 */
// "exports": users configure this class by name in logback.xml; the logstash encoder, an automatic
// module, is theirs to put on the path, and "requires transitive" on an automatic module is refused.
@SuppressWarnings("exports")
public final class RedactingJsonGeneratorDecorator implements JsonGeneratorDecorator {
  private final Object lock = new Object();
  private final Set<String> allowedFields = new LinkedHashSet<>();
  private int maxFieldDepth = Limits.defaults().maxLogFieldDepth();
  private int maxValueChars = Limits.defaults().maxLogMessageChars();
  private volatile RedactingMasker masker = build();

  /** Deny-list mode with {@link Limits#defaults()}; used by Logback's configurator. */
  public RedactingJsonGeneratorDecorator() {}

  /** Deny-list mode with the given limits. */
  public static RedactingJsonGeneratorDecorator denyList(Limits limits) {
    RedactingJsonGeneratorDecorator decorator = new RedactingJsonGeneratorDecorator();
    decorator.setMaxFieldDepth(limits.maxLogFieldDepth());
    decorator.setMaxValueChars(limits.maxLogMessageChars());
    return decorator;
  }

  /** Allowlist mode: only the standard fields and {@code allowed} are written as is. */
  public static RedactingJsonGeneratorDecorator allowList(Limits limits, List<String> allowed) {
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("an allowlist needs at least one field name");
    }
    RedactingJsonGeneratorDecorator decorator = denyList(limits);
    allowed.forEach(decorator::addAllowedField);
    return decorator;
  }

  /** Adds a field name to the allowlist, switching to allowlist mode. */
  public void addAllowedField(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("allowed field name must not be blank");
    }
    synchronized (lock) {
      allowedFields.add(name.strip());
      masker = build();
    }
  }

  /** Sets the deepest level written, from 1 to {@link Limits#CEILING_LOG_FIELD_DEPTH}. */
  public void setMaxFieldDepth(int maxFieldDepth) {
    // Limits validates the value against the shared floor and ceiling.
    int validated = Limits.defaults().withMaxLogFieldDepth(maxFieldDepth).maxLogFieldDepth();
    synchronized (lock) {
      this.maxFieldDepth = validated;
      masker = build();
    }
  }

  /** Sets the longest string value kept, from 1 to {@link Limits#CEILING_LOG_MESSAGE_CHARS}. */
  public void setMaxValueChars(int maxValueChars) {
    int validated = Limits.defaults().withMaxLogMessageChars(maxValueChars).maxLogMessageChars();
    synchronized (lock) {
      this.maxValueChars = validated;
      masker = build();
    }
  }

  private RedactingMasker build() {
    return new RedactingMasker(maxFieldDepth, allowedFields.isEmpty() ? null : allowedFields, maxValueChars);
  }

  @Override
  public JsonGenerator decorate(JsonGenerator generator) {
    RedactingMasker current = masker;
    return new MaskingJsonGenerator(generator, List.of(current), List.of(current));
  }
}
