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
  }
}
