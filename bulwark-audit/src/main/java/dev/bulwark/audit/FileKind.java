package dev.bulwark.audit;

/** The file types the scanner dispatches on; anything else is scanned as {@link #TEXT}. */
public enum FileKind {
  JAVA,
  PYTHON,
  YAML,
  PROPERTIES,
  JSON,
  ENV,
  SHELL,
  TEXT;

  /** The kind of a file, from its name and, for scripts without an extension, its first line. */
  public static FileKind of(String fileName, String firstLine) {
    String name = Ascii.lower(fileName);
    if (name.endsWith(".java")) {
      return JAVA;
    }
    if (name.endsWith(".py") || name.endsWith(".pyw")) {
      return PYTHON;
    }
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      return YAML;
    }
    if (name.endsWith(".properties")) {
      return PROPERTIES;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
      return ENV;
    }
    if (name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".zsh")) {
      return SHELL;
    }
    if (firstLine.startsWith("#!")) {
      if (firstLine.contains("python")) {
        return PYTHON;
      }
      if (firstLine.contains("sh")) {
        return SHELL;
      }
    }
    return TEXT;
  }
}
