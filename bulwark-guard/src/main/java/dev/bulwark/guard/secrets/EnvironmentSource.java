package dev.bulwark.guard.secrets;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Environment variables (a snapshot taken at construction). */
final class EnvironmentSource implements SecretSource {
  private final Map<String, String> variables;
  private final String description;

  EnvironmentSource(Map<String, String> variables, String description) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    this.description = description;
  }

  @Override
  public Optional<Secret> find(String name) {
    String value = variables.get(Secrets.checkName(name));
    return value == null ? Optional.empty() : Optional.of(Secret.of(value));
  }

  @Override
  public String description() {
    return description;
  }
}
