package dev.bulwark.guard;

import java.util.Objects;

/**
 * One limits policy for every parser of untrusted input in {@code bulwark-guard}: sizes, depths and
 * counts, shared by the JSON, YAML, XML and Java-serialization guards, file names and uploads, log
 * redaction and the audit-log verifier.
 *
 * <p>Why one object: a deployment raises "how big may a request be" once, and every parser agrees;
 * no parser is left on its library's own (often unbounded) default. Each value is bounded twice: the
 * default is what a web service needs, and an override above the hard ceiling is refused at once, so
 * a typo cannot switch a limit off.
 *
 * {@snippet :
 * Limits limits = Limits.defaults().withMaxDocumentBytes(4 * 1024 * 1024).withMaxNestingDepth(32);
 * }
 *
 * <p>Immutable and thread-safe; every {@code with...} returns a new instance.
 *
 * @param maxDocumentBytes largest whole document or stream a parser reads (JSON, YAML, XML,
 *     serialized objects), in bytes
 * @param maxNestingDepth deepest nesting of objects/arrays/elements/graph levels
 * @param maxStringLength longest single string or text node, in characters
 * @param maxNumberLength longest number literal, in characters (defeats slow big-number parsing)
 * @param maxEntries most entries of one object, array, mapping or collection
 * @param maxTotalObjects most objects/references in one document or serialized graph
 * @param maxYamlAliases most YAML aliases in one document (the "billion laughs" bound)
 * @param maxDocuments most documents in one YAML stream
 * @param maxFileNameLength longest file name accepted from a user, in UTF-8 bytes
 * @param maxUploadBytes largest upload body, in bytes
 * @param maxLogFieldDepth deepest structured-log field the redactor walks before replacing the rest
 * @param maxLogMessageChars longest log message kept; the rest is cut
 */
public record Limits(
    long maxDocumentBytes,
    int maxNestingDepth,
    int maxStringLength,
    int maxNumberLength,
    int maxEntries,
    long maxTotalObjects,
    int maxYamlAliases,
    int maxDocuments,
    int maxFileNameLength,
    long maxUploadBytes,
    int maxLogFieldDepth,
    int maxLogMessageChars) {

  /** Hard ceilings: no override may exceed these. */
  public static final long CEILING_DOCUMENT_BYTES = 256L * 1024 * 1024;

  public static final int CEILING_NESTING_DEPTH = 1_000;
  public static final int CEILING_STRING_LENGTH = 64 * 1024 * 1024;
  public static final int CEILING_NUMBER_LENGTH = 10_000;
  public static final int CEILING_ENTRIES = 10_000_000;
  public static final long CEILING_TOTAL_OBJECTS = 100_000_000L;
  public static final int CEILING_YAML_ALIASES = 10_000;
  public static final int CEILING_DOCUMENTS = 10_000;
  public static final int CEILING_FILE_NAME_LENGTH = 255;
  public static final long CEILING_UPLOAD_BYTES = 64L * 1024 * 1024 * 1024;
  public static final int CEILING_LOG_FIELD_DEPTH = 64;
  public static final int CEILING_LOG_MESSAGE_CHARS = 1024 * 1024;

  private static final Limits DEFAULTS =
      new Limits(
          1024 * 1024, // 1 MiB: a generous API request body
          64, // deeper than any sane document, far below stack exhaustion
          256 * 1024,
          100, // Jackson's own 2.15+ default is 1000; 100 digits is plenty for IDs and money
          10_000,
          100_000,
          50,
          1,
          255,
          16L * 1024 * 1024,
          16,
          16 * 1024);

  /** Validates every value against its floor (1, or 0 for aliases) and its hard ceiling. */
  public Limits {
    check("maxDocumentBytes", maxDocumentBytes, 1, CEILING_DOCUMENT_BYTES);
    check("maxNestingDepth", maxNestingDepth, 1, CEILING_NESTING_DEPTH);
    check("maxStringLength", maxStringLength, 1, CEILING_STRING_LENGTH);
    check("maxNumberLength", maxNumberLength, 1, CEILING_NUMBER_LENGTH);
    check("maxEntries", maxEntries, 1, CEILING_ENTRIES);
    check("maxTotalObjects", maxTotalObjects, 1, CEILING_TOTAL_OBJECTS);
    check("maxYamlAliases", maxYamlAliases, 0, CEILING_YAML_ALIASES);
    check("maxDocuments", maxDocuments, 1, CEILING_DOCUMENTS);
    check("maxFileNameLength", maxFileNameLength, 1, CEILING_FILE_NAME_LENGTH);
    check("maxUploadBytes", maxUploadBytes, 1, CEILING_UPLOAD_BYTES);
    check("maxLogFieldDepth", maxLogFieldDepth, 1, CEILING_LOG_FIELD_DEPTH);
    check("maxLogMessageChars", maxLogMessageChars, 1, CEILING_LOG_MESSAGE_CHARS);
  }

  /**
   * The defaults, sized for a web service handling untrusted requests: 1 MiB documents, depth 64,
   * 256 Ki-character strings, 100-digit numbers, 10,000 entries per container, 100,000 objects per
   * document, 50 YAML aliases, one YAML document per stream, 255-byte file names, 16 MiB uploads,
   * log fields 16 deep and log messages of 16 Ki characters.
   */
  public static Limits defaults() {
    return DEFAULTS;
  }

  public Limits withMaxDocumentBytes(long value) {
    return new Limits(value, maxNestingDepth, maxStringLength, maxNumberLength, maxEntries,
        maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxNestingDepth(int value) {
    return new Limits(maxDocumentBytes, value, maxStringLength, maxNumberLength, maxEntries,
        maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxStringLength(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, value, maxNumberLength, maxEntries,
        maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxNumberLength(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, value, maxEntries,
        maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxEntries(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength, value,
        maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxTotalObjects(long value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, value, maxYamlAliases, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxYamlAliases(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, value, maxDocuments, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxDocuments(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, maxYamlAliases, value, maxFileNameLength, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxFileNameLength(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, maxYamlAliases, maxDocuments, value, maxUploadBytes,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxUploadBytes(long value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength, value,
        maxLogFieldDepth, maxLogMessageChars);
  }

  public Limits withMaxLogFieldDepth(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength,
        maxUploadBytes, value, maxLogMessageChars);
  }

  public Limits withMaxLogMessageChars(int value) {
    return new Limits(maxDocumentBytes, maxNestingDepth, maxStringLength, maxNumberLength,
        maxEntries, maxTotalObjects, maxYamlAliases, maxDocuments, maxFileNameLength,
        maxUploadBytes, maxLogFieldDepth, value);
  }

  private static void check(String name, long value, long floor, long ceiling) {
    Objects.requireNonNull(name);
    if (value < floor || value > ceiling) {
      throw new IllegalArgumentException(
          name + " must be between " + floor + " and " + ceiling + ", was " + value);
    }
  }
}
