package dev.bulwark.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.breached.BreachedFilterBuilder;
import dev.bulwark.auth.breached.PasswordScreen;
import dev.bulwark.auth.breached.ScreenVerdict;
import dev.bulwark.testkit.Requirements;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private static final PasswordPolicy POLICY = PasswordPolicy.nist800_63b4();
  private static final PasswordContext SINGLE = PasswordContext.singleFactor();
  private static final String GOOD = "violet kettle mosaic drift";

  private static PolicyResult check(String password) {
    return POLICY.check(password, SINGLE);
  }

  @Test
  void longPassphrase_isAcceptable_withAStrengthEstimate() {
    PolicyResult r = check(GOOD);
    assertThat(r.acceptable()).as(r.violations().toString()).isTrue();
    assertThat(r.violations()).isEmpty();
    assertThat(r.strength()).isPresent();
    assertThat(r.strength().get().score()).isEqualTo(4);
  }

  @Test
  void noCompositionRules_lowerCaseOnlyAndDigitsOnlyAreAcceptable() {
    assertThat(check("lowercaseonlybutlongenough").acceptable()).isTrue();
    assertThat(check("8401 7265 3390 1742").acceptable()).isTrue();
    assertThat(check("ÜBERMÄßIG GRÜNE GÄRTEN").acceptable()).isTrue();
  }

  @Test
  void minimumIs15_or8WithMfa_countedInCodePointsAfterNfkc() {
    String fourteen = "zq7 mv4 kp9 wx2";
    assertThat(fourteen).hasSize(15);
    assertThat(check(fourteen.substring(1)).reasons()).containsExactly(ReasonCode.TOO_SHORT);
    assertThat(check(fourteen).acceptable()).isTrue();
    assertThat(POLICY.check("zq7 mv4k", PasswordContext.multiFactor()).acceptable()).isTrue();
    assertThat(POLICY.check("zq7 mv4", PasswordContext.multiFactor()).reasons()).containsExactly(ReasonCode.TOO_SHORT);
    // 8 emoji are 16 UTF-16 chars but 8 code points: too short without MFA, enough with it.
    String emoji = "🦊🌵🎻🧲🪁🛶🧩🦉";
    assertThat(emoji.length()).isEqualTo(16);
    assertThat(check(emoji).reasons()).contains(ReasonCode.TOO_SHORT);
    assertThat(POLICY.check(emoji, PasswordContext.multiFactor()).reasons()).doesNotContain(ReasonCode.TOO_SHORT);
    // NFKC expands the ligature U+FB03 to "ffi": 14 code points as typed (too short), 16 after NFKC.
    String ligature = "\uFB03 zq7 mv4 kp9w";
    assertThat(ligature.codePointCount(0, ligature.length())).isEqualTo(14);
    assertThat(check(ligature).acceptable()).as(check(ligature).violations().toString()).isTrue();
  }

  @Test
  void upTo256CodePointsAccepted_longerRejected_withoutTruncation() {
    StringBuilder b = new StringBuilder();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    while (b.length() < 256) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    String max = b.toString();
    assertThat(check(max).acceptable()).as(check(max).violations().toString()).isTrue();
    assertThat(check(max + "x").reasons()).containsExactly(ReasonCode.TOO_LONG);
    assertThat(check("x".repeat(5_000_000)).reasons()).containsExactly(ReasonCode.TOO_LONG);
  }

  @Test
  void spacesAndPrintableUnicode_allowed_controlCharactersAndUnpairedSurrogates_rejected() {
    assertThat(check("  spaces   inside and out  ").reasons()).doesNotContain(ReasonCode.UNSUPPORTED_CHARACTER);
    assertThat(check("violet kettle\u0000mosaic").reasons()).contains(ReasonCode.UNSUPPORTED_CHARACTER);
    assertThat(check("violet kettle\nmosaic drift").reasons()).contains(ReasonCode.UNSUPPORTED_CHARACTER);
    assertThat(check("violet kettle \uD800 mosaic").reasons()).contains(ReasonCode.UNSUPPORTED_CHARACTER);
    assertThat(check("violet kettle \u0378 mosaic").reasons()).contains(ReasonCode.UNSUPPORTED_CHARACTER);
    // ZERO WIDTH JOINER (Cf) builds emoji sequences: allowed.
    assertThat(check("family 👨\u200D👩\u200D👧 picnic day").reasons()).doesNotContain(ReasonCode.UNSUPPORTED_CHARACTER);
  }

  @Test
  void commonPasswordsAndDictionaryWords_fromZxcvbn_areBreached() {
    for (String p : new String[] {"123456789987654321", "1qaz2wsx3edc4rfv", "telecommunications", "Recommendations"}) {
      assertThat(check(p).reasons()).as(p).contains(ReasonCode.BREACHED);
    }
    assertThat(POLICY.check("password", PasswordContext.multiFactor()).reasons()).contains(ReasonCode.BREACHED);
  }

  @Test
  void everySharedVectorPassword_isRejected_whenItsListIsAFilter() throws Exception {
    List<String> vectors = Files.readAllLines(Requirements.vectors("passwords/passwords.txt")).stream()
        .map(l -> l.split("\\s+")[0]).toList();
    BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(vectors.size(), 0.001);
    vectors.forEach(b::addPassword);
    PasswordPolicy policy = PasswordPolicy.builder().addScreen(b.build()).withoutStrengthEstimate().build();
    List<String> mfaLength = vectors.stream().limit(10_000).filter(p -> p.length() >= 8).toList();
    assertThat(mfaLength).hasSizeGreaterThan(2_000);
    for (String p : mfaLength) {
      assertThat(policy.check(p, PasswordContext.multiFactor()).reasons()).as(p).contains(ReasonCode.BREACHED);
    }
  }

  @Test
  void rawAndNfkcSpellings_areBothScreened() {
    // A corpus lists what people typed: the full-width spelling. The NFKC form is "password1234567".
    String typed = "ｐａｓｓｗｏｒｄ1234567";
    PasswordScreen typedOnly = p -> p.toString().equals(typed) ? ScreenVerdict.FOUND : ScreenVerdict.NOT_FOUND;
    PasswordPolicy policy = PasswordPolicy.builder().insecureWithoutCommonPasswordList().addScreen(typedOnly).build();
    assertThat(policy.check(typed, SINGLE).reasons()).contains(ReasonCode.BREACHED);
  }

  @Test
  void unavailableScreen_failsClosed_withItsOwnReason() {
    PasswordScreen down = p -> ScreenVerdict.UNAVAILABLE;
    PolicyResult r = PasswordPolicy.builder().addScreen(down).build().check(GOOD, SINGLE);
    assertThat(r.acceptable()).isFalse();
    assertThat(r.reasons()).containsExactly(ReasonCode.SCREENING_UNAVAILABLE);
  }

  @Test
  void withoutTheCommonList_commonPasswordsPass_soTheOptOutIsNamedInsecure() {
    PasswordPolicy bare = PasswordPolicy.builder().insecureWithoutCommonPasswordList().build();
    assertThat(bare.check("telecommunications", SINGLE).acceptable()).isTrue();
    AtomicInteger calls = new AtomicInteger();
    PasswordPolicy.builder().addScreen(p -> {
      calls.incrementAndGet();
      return ScreenVerdict.NOT_FOUND;
    }).build().check(GOOD, SINGLE);
    assertThat(calls).hasValue(1);
  }

  @Test
  void contextWords_usernameEmailServiceAndOthers_areRejected_caseInsensitively() {
    PasswordPolicy policy = PasswordPolicy.builder().serviceName("Bulwark Vault").build();
    PasswordContext ctx = SINGLE.withUsername("Marguerite").withEmail("j.okonkwo+shop@example.org").withWords("Zanzibar Tea Co");
    assertThat(policy.check("my MARGUERITE garden 77", ctx).violations())
        .containsExactly(new PolicyViolation(ReasonCode.CONTEXT_WORD, "do not use your user name in the password"));
    assertThat(policy.check("okonkwo family garden 77", ctx).reasons()).containsExactly(ReasonCode.CONTEXT_WORD);
    assertThat(policy.check("bulwark is my fortress", ctx).reasons()).containsExactly(ReasonCode.CONTEXT_WORD);
    assertThat(policy.check("vault door opened 1987", ctx).reasons()).containsExactly(ReasonCode.CONTEXT_WORD);
    assertThat(policy.check("zanzibar evenings 1987", ctx).reasons()).containsExactly(ReasonCode.CONTEXT_WORD);
    // Pieces shorter than 4 code points ("j", "tea", "co") and the e-mail domain are not context words.
    assertThat(policy.check("tea for two at example", ctx).acceptable()).isTrue();
    assertThat(policy.check(GOOD, ctx).acceptable()).isTrue();
  }

  @Test
  void repetitiveAndSequential_areRejected() {
    for (String p : new String[] {"aaaaaaaaaaaaaaaa", "abcabcabcabcabcabc", "correctcorrectcorrect", "ababababababbbbb",
        "aaaaaaaaaaaaaaa!9x"}) {
      assertThat(check(p).reasons()).as(p).contains(ReasonCode.REPETITIVE);
    }
    for (String p : new String[] {"abcdefghijklmnopq", "9876543210987654", "qwertyuiopasdfghj", "ABCDEFGHIJKLMNOp",
        "xabcdefghijklmnop!"}) {
      assertThat(check(p).reasons()).as(p).contains(ReasonCode.SEQUENTIAL);
    }
  }

  @Test
  void messages_neverContainThePassword() {
    // bulwark:ignore BWK-SECRET-012 a made-up password the test proves never appears in messages
    String secret = "Marguerite-9876543210";
    PolicyResult r = POLICY.check(secret, SINGLE.withUsername("Marguerite"));
    assertThat(r.violations()).isNotEmpty();
    assertThat(r.violations()).allSatisfy(v -> {
      assertThat(v.message()).doesNotContainIgnoringCase("marguerite").doesNotContain("9876");
    });
    assertThat(SINGLE.withUsername("Marguerite").toString()).doesNotContain("Marguerite");
  }

  /** One policy (and its shared zxcvbn instance) serves many request threads. */
  @Test
  void concurrentChecks_giveTheSameAnswersAsSequentialOnes() throws Exception {
    List<String> inputs = List.of(GOOD, "password", "abcdefghijklmnopq", "zq7 mv4 kp9 wx2", "short", "aaaaaaaaaaaaaaaa");
    List<PolicyResult> expected = inputs.stream().map(PasswordPolicyTest::check).toList();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int round = 0; round < 5; round++) {
            for (int i = 0; i < inputs.size(); i++) {
              if (!check(inputs.get(i)).equals(expected.get(i))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (var f : futures) {
        assertThat(f.get()).isTrue();
      }
    }
  }

  @Test
  void reasonCodes_areStableLowerCaseStrings() {
    assertThat(ReasonCode.TOO_SHORT.code()).isEqualTo("too_short");
    assertThat(ReasonCode.SCREENING_UNAVAILABLE.code()).isEqualTo("screening_unavailable");
  }

  @Test
  void misuse_isIllegalArgument() {
    assertThatThrownBy(() -> PasswordPolicy.builder().serviceName(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> POLICY.check(null, SINGLE)).isInstanceOf(NullPointerException.class);
  }
}
