package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitIgnoreTest {
  private final GitIgnore ignore =
      GitIgnore.parse("# comment\n\ntarget/\n*.class\n/root-only.txt\ndocs/**/draft-*.md\n*.log\n!important.log\nnode_[mn]odules\n");

  @Test
  void patterns_matchLikeGit() {
    assertThat(ignore.ignores("target", true)).isTrue();
    assertThat(ignore.ignores("a/b/target", true)).isTrue();
    assertThat(ignore.ignores("target", false)).isFalse();
    assertThat(ignore.ignores("a/B.class", false)).isTrue();
    assertThat(ignore.ignores("root-only.txt", false)).isTrue();
    assertThat(ignore.ignores("sub/root-only.txt", false)).isFalse();
    assertThat(ignore.ignores("docs/draft-1.md", false)).isTrue();
    assertThat(ignore.ignores("docs/x/y/draft-2.md", false)).isTrue();
    assertThat(ignore.ignores("docs/final.md", false)).isFalse();
    assertThat(ignore.ignores("x/debug.log", false)).isTrue();
    assertThat(ignore.ignores("x/important.log", false)).isFalse();
    assertThat(ignore.ignores("node_modules", true)).isTrue();
    assertThat(ignore.ignores("src/Main.java", false)).isFalse();
    assertThat(GitIgnore.empty().ignores("anything", false)).isFalse();
  }

  @Test
  void hostileBracketSets_areLiteralOrMatchNothing_neverFailTheScan() {
    // A scanned repository's .gitignore is untrusted: regex class syntax inside [...] stays literal.
    GitIgnore hostile = GitIgnore.parse("[a&&b]\n[z-a]\n[]\n[!]\n[[]x\n[\\d]\nkeep-[0-9].txt\n");
    assertThat(hostile.ignores("&", false)).isTrue();
    assertThat(hostile.ignores("a", false)).isTrue();
    assertThat(hostile.ignores("[x", false)).isTrue();
    assertThat(hostile.ignores("7", false)).isFalse();
    assertThat(hostile.ignores("d", false)).isTrue();
    assertThat(hostile.ignores("keep-5.txt", false)).isTrue();
    assertThat(hostile.ignores("keep-x.txt", false)).isFalse();
    // Found by AuditParsersFuzzTest in CI: an empty class followed by more text must not become an
    // unclosed regex class (the pattern compiles, and matches nothing).
    GitIgnore emptyClass = GitIgnore.parse("A[]*\u0001[A\u00dd**\n[b-a]x\nc[!-/]\n");
    assertThat(emptyClass.ignores("A]x", false)).isFalse();
    assertThat(emptyClass.ignores("bx", false)).isFalse();
    assertThat(emptyClass.ignores("c0", false)).isTrue();
    assertThat(emptyClass.ignores("c-", false)).isFalse(); // [!-/] is "not - or /"

    // Found by AuditParsersFuzzTest: nested wildcards backtrack for minutes on a long name. The
    // match gives up within its budget and the file is scanned (not ignored).
    GitIgnore backtracking = GitIgnore.parse("*a*a*a*a*a*a*a*a*a*a*b\n");
    long start = System.nanoTime();
    assertThat(backtracking.ignores("a".repeat(4000), false)).isFalse();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(backtracking.ignores("a".repeat(10) + "b", false)).isTrue();
  }
}
