package dev.bulwark.audit;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Known findings that a scan does not report again, by {@link Fingerprints fingerprint}. The file
 * is JSON, one entry per line so that reviews see each addition:
 *
 * <pre>{@code
 * {"version":1,"findings":[
 * {"fingerprint":"…32 hex…","rule":"BWK-SECRET-012","path":"src/test/…","reason":"test fixture"}
 * ]}
 * }</pre>
 *
 * <p>The reason is written by people: {@link #updatedWith} keeps the reason of every entry that is
 * still found and leaves new ones empty for the reviewer to fill in. Immutable.
 */
public final class Baseline {
  /**
   * One known finding.
   *
   * @param fingerprint its fingerprint
   * @param rule its rule id (for people; matching uses the fingerprint, which includes the rule)
   * @param path its path (for people)
   * @param reason why it is accepted
   */
  public record Entry(String fingerprint, String rule, String path, String reason) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::path).thenComparing(Entry::rule).thenComparing(Entry::fingerprint);

  private final List<Entry> entries;
  private final Set<String> fingerprints;

  private Baseline(List<Entry> entries) {
    this.entries = entries.stream().sorted(ORDER).toList();
    this.fingerprints = entries.stream().map(Entry::fingerprint).collect(Collectors.toUnmodifiableSet());
  }

  /** No known findings. */
  public static Baseline empty() {
    return new Baseline(List.of());
  }

  /**
   * Reads a baseline file's text.
   *
   * @throws IOException if it is not a baseline (malformed JSON, wrong version, missing fields)
   */
  public static Baseline parse(String text) throws IOException {
    Map<String, Object> root;
    try {
      root = Json.parseObject(text);
    } catch (CryptoException e) {
      throw new IOException("the baseline is not valid JSON (or is larger than " + Json.MAX_DOCUMENT_CHARS + " characters)", e);
    }
    if (!(root.get("version") instanceof Number version) || version.intValue() != 1 || !(root.get("findings") instanceof List<?> list)) {
      throw new IOException("the baseline needs \"version\": 1 and a \"findings\" list");
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map)
          || !(map.get("fingerprint") instanceof String fingerprint)
          || !(map.get("rule") instanceof String rule)
          || !(map.get("path") instanceof String path)) {
        throw new IOException("every baseline entry needs a fingerprint, a rule and a path");
      }
      String reason = map.get("reason") instanceof String text1 ? text1 : "";
      entries.add(new Entry(fingerprint, rule, path, reason));
    }
    return new Baseline(entries);
  }

  /** The entries, sorted by path, rule and fingerprint. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Whether this finding is known. */
  public boolean contains(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  /** The findings that are not known. */
  public List<Finding> filter(List<Finding> findings) {
    return findings.stream().filter(f -> !contains(f)).toList();
  }

  /** A baseline of exactly these findings, keeping the reasons already written for known ones. */
  public Baseline updatedWith(List<Finding> findings) {
    Map<String, String> reasons = new HashMap<>();
    entries.forEach(e -> reasons.put(e.fingerprint(), e.reason()));
    Map<String, Entry> byFingerprint = new LinkedHashMap<>();
    for (Finding f : findings) {
      byFingerprint.putIfAbsent(f.fingerprint(), new Entry(f.fingerprint(), f.rule().id(), f.path(), reasons.getOrDefault(f.fingerprint(), "")));
    }
    return new Baseline(new ArrayList<>(byFingerprint.values()));
  }

  /** The file text, one entry per line, ending in a newline. */
  public String write() {
    StringBuilder out = new StringBuilder("{\"version\":1,\"findings\":[\n");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("fingerprint", e.fingerprint());
      map.put("rule", e.rule());
      map.put("path", e.path());
      map.put("reason", e.reason());
      out.append(Json.write(map)).append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    return out.append("]}\n").toString();
  }
}
