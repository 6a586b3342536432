package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.QuotedAssignments.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written assignment finder gives exactly what its regular-expression specification gives. */
class QuotedAssignmentsTest {
  private static final Pattern SPECIFICATION = Pattern.compile(QuotedAssignments.SPECIFICATION);

  private static List<Assignment> bySpecification(String text) {
    List<Assignment> found = new ArrayList<>();
    Matcher m = SPECIFICATION.matcher(text);
    while (m.find()) {
      found.add(new Assignment(m.start(), m.group(1), m.group(3), m.start(3), m.end()));
    }
    return found;
  }

  @Test
  void typicalAssignments_found() {
    String text = "String apiKey = \"abcd1234\";\n{\"token\": \"zzzz\"}\nx := `qqqq`\n'k' => 'vvvv'\npw=\"a\\b\"";
    assertThat(QuotedAssignments.find(text)).extracting(Assignment::name, Assignment::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("apiKey", "abcd1234"),
            org.assertj.core.groups.Tuple.tuple("token", "zzzz"),
            org.assertj.core.groups.Tuple.tuple("x", "qqqq"),
            org.assertj.core.groups.Tuple.tuple("k", "vvvv"));
    assertThat(QuotedAssignments.find(text)).isEqualTo(bySpecification(text));
  }

  @Test
  void lookAlikes_notFound() {
    for (String text : List.of("a == \"abcd\"", "a != \"abcd\"", "a <= \"abcd\"", "f(\"abcd\")", "a = \"abc\"", "1a = \"abcd\"",
        ".a = \"abcd\"", "a = \"abcd'", "a = \"ab cd\"", "a = \"" + "v".repeat(513) + "\"")) {
      assertThat(QuotedAssignments.find(text)).as(text).isEmpty();
      assertThat(bySpecification(text)).as(text).isEmpty();
    }
  }

  @Test
  void randomTexts_sameAsTheRegularExpression() {
    String alphabet = "ab_Z9.-\"'`=:>  \n\t\\;(x";
    SplittableRandom random = new SplittableRandom(8);
    for (int round = 0; round < 200_000; round++) {
      int length = random.nextInt(1, 40);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String sample = text.toString();
      assertThat(QuotedAssignments.find(sample)).as("%s", sample.replace("\n", "\\n")).isEqualTo(bySpecification(sample));
    }
  }

  @Test
  void longValues_boundAt512() {
    String at512 = "k = \"" + "v".repeat(512) + "\"";
    assertThat(QuotedAssignments.find(at512)).singleElement().extracting(Assignment::value).asString().hasSize(512);
    assertThat(QuotedAssignments.find(at512)).isEqualTo(bySpecification(at512));
  }
}
