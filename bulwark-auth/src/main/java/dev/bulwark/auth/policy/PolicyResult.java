package dev.bulwark.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of {@link PasswordPolicy#check}: every reason the password was refused (empty when
 * acceptable), and zxcvbn's strength estimate as guidance.
 *
 * @param violations the reasons, in a stable order (length, characters, screens, context, patterns)
 * @param strength the estimate, absent when disabled or when the length is out of bounds
 */
public record PolicyResult(List<PolicyViolation> violations, Optional<StrengthEstimate> strength) {
  /** Copies the components. */
  public PolicyResult {
    violations = List.copyOf(violations);
    Objects.requireNonNull(strength, "strength");
  }

  /** True when there is no violation. */
  public boolean acceptable() {
    return violations.isEmpty();
  }

  /** The reason codes, for a quick {@code contains} check. */
  public Set<ReasonCode> reasons() {
    return violations.stream().map(PolicyViolation::reason).collect(Collectors.toUnmodifiableSet());
  }
}
