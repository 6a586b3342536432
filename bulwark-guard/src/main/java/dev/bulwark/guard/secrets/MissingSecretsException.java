package dev.bulwark.guard.secrets;

import java.io.Serial;
import java.util.List;

/**
 * {@link Secrets#require(String...)} found no value for one or more names. The message lists every
 * missing NAME at once (so a deployment is fixed in one round, not one name per restart) and the
 * sources that were asked; it never contains a value.
 */
public final class MissingSecretsException extends SecretsException {
  @Serial private static final long serialVersionUID = 1L;

  /** An array, not a List: the field of a serializable exception must have a serializable type. */
  private final String[] missingNames;

  MissingSecretsException(List<String> missingNames, List<String> sources) {
    super("missing secrets: " + String.join(", ", missingNames) + " (set each of them in one of: "
        + String.join("; ", sources) + ")");
    this.missingNames = missingNames.toArray(String[]::new);
  }

  /** The names that had no value, in the order they were required. */
  public List<String> missingNames() {
    return List.of(missingNames);
  }
}
