package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void split_separatesOnSpacesOnlyAndDropsEmptyTokens() {
    assertThat(Scopes.split("")).isEmpty();
    assertThat(Scopes.split("   ")).isEmpty();
    assertThat(Scopes.split("read:files")).containsExactly("read:files");
    assertThat(Scopes.split("read  write read ")).containsExactlyInAnyOrder("read", "write");
    // A tab is not a separator (RFC 6749 §3.3 uses %x20 only): it stays inside the scope.
    assertThat(Scopes.split("read\twrite")).containsExactly("read\twrite");
  }

  @Test
  void split_returnsUnmodifiableSets() {
    for (String claim : new String[] {"", "read", "read write"}) {
      Set<String> scopes = Scopes.split(claim);
      assertThatThrownBy(() -> scopes.add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
