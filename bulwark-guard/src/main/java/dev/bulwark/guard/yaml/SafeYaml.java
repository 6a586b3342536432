package dev.bulwark.guard.yaml;

import dev.bulwark.guard.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Loads untrusted YAML 1.2 into plain Java values ({@code Map}, {@code List}, {@code String},
 * numbers, booleans, {@code null}) with SnakeYAML Engine, which never instantiates arbitrary classes
 * (the CVE-2022-1471 class of SnakeYAML 1.x bugs cannot happen), and bounds every resource.
 *
 * <p>Guarantees, all from one {@link Limits}: the stream is at most {@code maxDocumentBytes} of
 * strict UTF-8; at most {@code maxDocuments} documents; nesting at most {@code maxNestingDepth};
 * at most {@code maxYamlAliases} aliases per document; at most {@code maxEntries} entries per
 * mapping or sequence; scalars of at most {@code maxStringLength} characters; and the document's
 * size <em>with every alias expanded</em> at most {@code maxTotalObjects} nodes. The last bound is
 * what defeats "billion laughs": nine anchors each referring nine times to the previous are a few
 * hundred bytes and 9^9 nodes once expanded, and are refused by counting, before anything is built.
 * Duplicate keys and recursive keys are refused; {@code ${ENV}} substitution is off.
 *
 * {@snippet :
 * SafeYaml yaml = SafeYaml.create(Limits.defaults());
 * Object config = yaml.load(bytes);       // or YamlRejectedException
 * }
 *
 * <p>Immutable and thread-safe.
 */
public final class SafeYaml {
  private final Limits limits;
  private final LoadSettings settings;

  private SafeYaml(Limits limits) {
    this.limits = limits;
    this.settings = LoadSettings.builder()
        .setLabel("untrusted")
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(false)
        .setMaxAliasesForCollections(limits.maxYamlAliases())
        .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()))
        .setUseMarks(true)
        .build();
  }

  /** A loader bounded by {@code limits}. */
  public static SafeYaml create(Limits limits) {
    return new SafeYaml(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Loads a stream of exactly one document.
   *
   * @throws YamlRejectedException if the stream is refused for any reason, or holds no document or
   *     more than one
   */
  public Object load(byte[] yaml) throws YamlRejectedException {
    List<Object> documents = loadAll(yaml);
    if (documents.size() != 1) {
      throw new YamlRejectedException("YAML stream must hold exactly one document, found " + documents.size());
    }
    return documents.getFirst();
  }

  /**
   * Loads every document of a stream (at most {@link Limits#maxDocuments()}).
   *
   * @return the documents in order; a {@code null} element is an empty document
   * @throws YamlRejectedException if the stream is refused for any reason
   */
  public List<Object> loadAll(byte[] yaml) throws YamlRejectedException {
    String text = decode(yaml);
    try {
      // Pass 1 counts on the event stream (no object built), so a bomb is refused in O(bytes).
      new EventBudget(limits).check(new ParserImpl(settings, new StreamReader(settings, text)));
      List<Object> documents = new ArrayList<>();
      for (Object document : new Load(settings).loadAllFromString(text)) {
        documents.add(document);
      }
      return documents;
    } catch (MarkedYamlEngineException e) {
      throw new YamlRejectedException("YAML refused: " + e.getClass().getSimpleName() + where(e.getProblemMark()));
    } catch (YamlEngineException | IllegalStateException | IllegalArgumentException e) {
      // No cause, no message: SnakeYAML quotes the input around the error.
      throw new YamlRejectedException("YAML refused: " + e.getClass().getSimpleName());
    }
  }

  private String decode(byte[] yaml) throws YamlRejectedException {
    Objects.requireNonNull(yaml, "yaml");
    if (yaml.length > limits.maxDocumentBytes()) {
      throw new YamlRejectedException("YAML stream longer than " + limits.maxDocumentBytes() + " bytes");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(yaml))
          .toString();
    } catch (CharacterCodingException e) {
      throw new YamlRejectedException("YAML stream is not valid UTF-8");
    }
  }

  private static String where(Optional<Mark> mark) {
    return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
  }
}
