package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String FIRST_VALUE = "from-" + "env";

  @Test
  void find_takesTheFirstSourceThatHasTheName() throws SecretsException {
    Secrets secrets = Secrets.chain(
        SecretSource.environment(Map.of("A", FIRST_VALUE)),
        SecretSource.environment(Map.of("A", "second", "B", "only-second")));
    assertThat(secrets.find("A").orElseThrow().insecureValue()).isEqualTo(FIRST_VALUE);
    assertThat(secrets.find("B").orElseThrow().insecureValue()).isEqualTo("only-second");
    assertThat(secrets.find("C")).isEmpty();
  }

  @Test
  void require_listsEveryMissingName_andNoValue() {
    Secrets secrets = Secrets.chain(SecretSource.environment(Map.of("PRESENT", FIRST_VALUE)));
    assertThatThrownBy(() -> secrets.require("DB_PASSWORD", "PRESENT", "SESSION_KEY", "DB_PASSWORD"))
        .isInstanceOfSatisfying(MissingSecretsException.class, e -> {
          assertThat(e.missingNames()).containsExactly("DB_PASSWORD", "SESSION_KEY");
          assertThat(e.getMessage()).contains("DB_PASSWORD, SESSION_KEY").contains("environment")
              .doesNotContain("PRESENT").doesNotContain(FIRST_VALUE);
        });
  }

  @Test
  void require_returnsValuesInOrder() throws SecretsException {
    Secrets secrets = Secrets.chain(SecretSource.environment(Map.of("A", "1", "B", "2")));
    Map<String, Secret> values = secrets.require("B", "A");
    assertThat(values.keySet()).containsExactly("B", "A");
    assertThat(values.get("A").insecureValue()).isEqualTo("1");
    assertThat(secrets.require("A").insecureValue()).isEqualTo("1");
  }

  @Test
  void aSourceThatCannotBeRead_failsClosedInsteadOfFallingThrough() {
    AtomicInteger askedAfter = new AtomicInteger();
    SecretSource broken = new SecretSource() {
      @Override
      public Optional<Secret> find(String name) throws SecretsException {
        throw new SecretsException("vault: permission denied");
      }

      @Override
      public String description() {
        return "broken";
      }
    };
    SecretSource fallback = new SecretSource() {
      @Override
      public Optional<Secret> find(String name) {
        askedAfter.incrementAndGet();
        return Optional.of(Secret.of("developer-default"));
      }

      @Override
      public String description() {
        return "fallback";
      }
    };
    Secrets secrets = Secrets.chain(broken, fallback);
    assertThatThrownBy(() -> secrets.require("A")).isInstanceOf(SecretsException.class)
        .isNotInstanceOf(MissingSecretsException.class).hasMessageContaining("permission denied");
    assertThat(askedAfter).hasValue(0);
  }

  @Test
  void invalidNamesAndEmptyChains_areApiMisuse() {
    Secrets secrets = Secrets.chain(SecretSource.environment(Map.of()));
    for (String bad : new String[] {"", "../etc/passwd", "a/b", "A B", ".hidden", "1ABC", "x".repeat(129), "A\nB"}) {
      assertThatThrownBy(() -> secrets.find(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
    }
    assertThatThrownBy(() -> secrets.require(new String[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Secrets::chain).isInstanceOf(IllegalArgumentException.class);
    assertThat(Secrets.checkName("db.password-2_X")).isEqualTo("db.password-2_X");
  }

  @Test
  void descriptions_nameTheSourcesInOrder() {
    Secrets secrets = Secrets.chain(SecretSource.environment(Map.of()), SecretSource.directory(java.nio.file.Path.of("/run/secrets")));
    assertThat(secrets.descriptions()).containsExactly("environment", "secrets directory /run/secrets");
  }
}
