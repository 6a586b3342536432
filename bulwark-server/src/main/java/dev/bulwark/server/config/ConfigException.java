package dev.bulwark.server.config;

import java.io.Serial;
import java.util.Objects;

/**
 * A configuration value was refused at start-up. The message names the setting and says what is
 * accepted; it never repeats the refused value (it may be a password).
 *
 * <p>Start-up fails closed on it: the server never runs on a configuration it could not read.
 */
public final class ConfigException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the dotted setting name ({@code database.url}, {@code listen})
   * @param problem what is wrong and what is accepted, without the value
   */
  public ConfigException(String setting, String problem) {
    super("setting '" + Objects.requireNonNull(setting, "setting") + "': " + Objects.requireNonNull(problem, "problem"));
    this.setting = setting;
  }

  /** The dotted name of the refused setting. */
  public String setting() {
    return setting;
  }
}
