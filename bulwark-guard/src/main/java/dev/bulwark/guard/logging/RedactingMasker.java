package dev.bulwark.guard.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.Set;
import net.logstash.logback.mask.FieldMasker;
import net.logstash.logback.mask.ValueMasker;

/**
 * The masking rules, applied by logstash-logback-encoder's masking generator to every field name
 * and every scalar value of a log event as it is written. Immutable.
 */
final class RedactingMasker implements FieldMasker, ValueMasker {
  /** The fields a LogstashEncoder writes itself; their names are safe in allowlist mode. */
  static final Set<String> STANDARD_FIELDS =
      Set.of("@timestamp", "@version", "message", "logger_name", "thread_name", "level", "level_value",
          "stack_trace", "tags", "caller_class_name", "caller_method_name", "caller_file_name",
          "caller_line_number", "error_id", "error_kind", "sequence");

  private static final String STACK_TRACE = "stack_trace";

  private final int maxFieldDepth;
  private final Set<String> allowedFields;
  private final TextRedactor text;
  private final TextRedactor multiLine;

  /**
   * @param maxFieldDepth deepest object/array level written; deeper values are masked whole
   * @param allowedFields null for deny-list mode; otherwise the only field names written as is
   * @param maxChars longest string value kept
   */
  RedactingMasker(int maxFieldDepth, Set<String> allowedFields, int maxChars) {
    this.maxFieldDepth = maxFieldDepth;
    this.allowedFields = allowedFields == null ? null : Set.copyOf(allowedFields);
    this.text = TextRedactor.forMessages(maxChars);
    this.multiLine = TextRedactor.forMultiLine(maxChars);
  }

  /** Called when a field name has been written: a non-null result replaces its whole value. */
  @Override
  public Object mask(JsonStreamContext context) {
    String name = context.getCurrentName();
    if (name == null) {
      return null;
    }
    if (SecretFieldNames.isSecret(name)) {
      return TextRedactor.MASK;
    }
    if (depth(context) > maxFieldDepth) {
      return TextRedactor.MASK;
    }
    if (allowedFields != null && !allowedFields.contains(name)
        && !(depth(context) == 1 && STANDARD_FIELDS.contains(name))) {
      // Allowlist mode: a field we do not know is dropped whatever its type, numbers and booleans
      // included (CVE-2024-8365 and CVE-2025-4166 leaked non-string values past a deny list).
      return TextRedactor.MASK;
    }
    return null;
  }

  /** Called for every scalar value: strings are scanned; anything too deep is masked. */
  @Override
  public Object mask(JsonStreamContext context, Object value) {
    if (depth(context) > maxFieldDepth) {
      return TextRedactor.MASK;
    }
    if (!(value instanceof CharSequence sequence)) {
      return null;
    }
    String original = sequence.toString();
    String redacted = STACK_TRACE.equals(context.getCurrentName()) ? multiLine.redact(original) : text.redact(original);
    return redacted.equals(original) ? null : redacted;
  }

  /** Object and array levels around {@code context}: a top-level field is at depth 1. */
  static int depth(JsonStreamContext context) {
    int depth = 0;
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inObject() || c.inArray()) {
        depth++;
      }
    }
    return depth;
  }
}
