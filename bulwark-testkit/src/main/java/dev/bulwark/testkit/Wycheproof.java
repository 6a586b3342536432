package dev.bulwark.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a Wycheproof test-vector file from {@code ../shared/vectors/wycheproof} and keeps the
 * score: every case counted, failures listed by {@code tcId}, and expected failures only from an
 * explicit, commented list passed in by the runner.
 *
 * {@snippet :
 * Wycheproof suite = Wycheproof.load("aes_gcm_test.json");
 * for (Wycheproof.Case c : suite.cases()) {
 *   suite.check(c, () -> ourApiAccepts(c));   // returns true if our API accepted the input
 * }
 * suite.assertAllPassed(Map.of());            // or a map of tcId -> reason for known failures
 * }
 */
public final class Wycheproof {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final String file;
  private final JsonNode root;
  private final Map<Integer, String> failures = new TreeMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  private Wycheproof(String file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /** Loads {@code wycheproof/<file>}, or skips the test when the shared vectors are absent. */
  public static Wycheproof load(String file) {
    Path path = Requirements.vectors("wycheproof/" + file);
    try {
      return new Wycheproof(file, MAPPER.readTree(path.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole document. */
  public JsonNode root() {
    return root;
  }

  /** One test case with its group. */
  public record Case(JsonNode group, JsonNode test) {
    /** The case id. */
    public int tcId() {
      return test.get("tcId").asInt();
    }

    /** "valid", "invalid" or "acceptable". */
    public String result() {
      return test.get("result").asText();
    }

    /** The case's flags. */
    public Set<String> flags() {
      Set<String> flags = new java.util.TreeSet<>();
      test.path("flags").forEach(f -> flags.add(f.asText()));
      return flags;
    }

    /** A hex field of the test, decoded ("" gives an empty array). */
    public byte[] hex(String field) {
      return HexFormat.of().parseHex(test.path(field).asText(""));
    }

    /** A hex field of the group, decoded. */
    public byte[] groupHex(String field) {
      return HexFormat.of().parseHex(group.path(field).asText(""));
    }

    /** A text field of the test. */
    public String text(String field) {
      return test.path(field).asText();
    }

    /** A short description for failure messages. */
    @Override
    public String toString() {
      return "tcId " + tcId() + " (" + result() + ", " + test.path("comment").asText("") + ")";
    }
  }

  /** Every test case of every group, in file order. */
  public List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (JsonNode group : root.path("testGroups")) {
      for (JsonNode test : group.path("tests")) {
        cases.add(new Case(group, test));
      }
    }
    return cases;
  }

  /** What our API did with one case's input. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * @return true if the input was accepted and gave the expected output, false if it was rejected
     *     through the API's documented exception
     * @throws Exception anything else, which counts as a failure of the case
     */
    boolean accepted() throws Exception;
  }

  /**
   * Runs one case and scores it: "valid" must be accepted, "invalid" rejected, "acceptable" may be
   * either (counted separately).
   */
  public void check(Case c, Attempt attempt) {
    boolean accepted;
    try {
      accepted = attempt.accepted();
    } catch (Exception | AssertionError e) {
      failures.put(c.tcId(), c + ": threw " + e);
      counts.merge("failed", 1, Integer::sum);
      return;
    }
    String result = c.result();
    boolean ok =
        switch (result) {
          case "valid" -> accepted;
          case "invalid" -> !accepted;
          case "acceptable" -> true;
          default -> false;
        };
    counts.merge(result + (accepted ? "/accepted" : "/rejected"), 1, Integer::sum);
    if (!ok) {
      failures.put(c.tcId(), c + ": " + (accepted ? "accepted" : "rejected"));
      counts.merge("failed", 1, Integer::sum);
    }
  }

  /** Marks a case skipped by the runner with a reason (counted, and listed in the summary). */
  public void skip(Case c, String reason) {
    counts.merge("skipped: " + reason, 1, Integer::sum);
  }

  /** The counts so far, for the runner's report. */
  public String summary() {
    return file + ": " + cases().size() + " cases " + counts;
  }

  /**
   * Fails unless every failure is in {@code expectedFailures} (tcId → reason) and every expected
   * failure really failed (a fixed one must leave the list). Prints the summary either way.
   */
  public void assertAllPassed(Map<Integer, String> expectedFailures) {
    System.out.println("[wycheproof] " + summary());
    Map<Integer, String> unexpected = new TreeMap<>(failures);
    unexpected.keySet().removeAll(expectedFailures.keySet());
    Set<Integer> nowPassing = new java.util.TreeSet<>(expectedFailures.keySet());
    nowPassing.removeAll(failures.keySet());
    if (!unexpected.isEmpty() || !nowPassing.isEmpty()) {
      StringBuilder message = new StringBuilder(file + ": ");
      if (!unexpected.isEmpty()) {
        message.append(unexpected.size()).append(" failing cases:");
        unexpected.values().stream().limit(40).forEach(v -> message.append("\n  ").append(v));
      }
      if (!nowPassing.isEmpty()) {
        message.append("\nexpected failures that now pass (remove them from the list): ").append(nowPassing);
      }
      throw new AssertionError(message.toString());
    }
  }
}
