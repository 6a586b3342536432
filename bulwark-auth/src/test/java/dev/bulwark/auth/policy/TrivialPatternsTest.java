package dev.bulwark.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrivialPatternsTest {
  private static ReasonCode classify(String s) {
    return TrivialPatterns.classify(s.codePoints().toArray());
  }

  @Test
  void periodicStrings_areRepetitive() {
    assertThat(classify("passwordpassword")).isEqualTo(ReasonCode.REPETITIVE);
    assertThat(classify("abcabcabcabcabca")).isEqualTo(ReasonCode.REPETITIVE);
    assertThat(classify("12121212")).isEqualTo(ReasonCode.REPETITIVE);
  }

  @Test
  void fewRuns_orOneDominantRun_areTrivial() {
    assertThat(classify("aaaaabbbbbccccc")).isEqualTo(ReasonCode.REPETITIVE);
    assertThat(classify("aaaaaaaa12345678")).isEqualTo(ReasonCode.REPETITIVE);
    assertThat(classify("zyxwvutsrqponmlk")).isEqualTo(ReasonCode.SEQUENTIAL);
    assertThat(classify("αβγδεζηθικλμνξοπ")).isEqualTo(ReasonCode.SEQUENTIAL);
    assertThat(classify("78901234567890123")).isEqualTo(ReasonCode.SEQUENTIAL);
    assertThat(classify("#1qwertyuiopasd!")).isEqualTo(ReasonCode.SEQUENTIAL);
  }

  @Test
  void realPassphrases_areNotTrivial() {
    for (String p : new String[] {
      "correct horse battery staple", "violet kettle mosaic drift", "abcdefgh mountain lake", "tr0ub4dor&3 harbour",
      "mississippi riverboat", "1234 5678 9999 4321 zz", "🦊🌵🎻🧲🪁🛶🧩🦉", ""
    }) {
      assertThat(classify(p)).as(p).isNull();
    }
  }
}
