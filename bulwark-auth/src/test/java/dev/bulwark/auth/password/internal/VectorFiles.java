package dev.bulwark.auth.password.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads Botan's {@code .vec} format: {@code [Section]} headers and {@code Key = value} records. */
final class VectorFiles {
  private VectorFiles() {}

  /** One record: its section and its fields. */
  record VecRecord(String section, Map<String, String> fields) {
    String get(String key) {
      String value = fields.get(key);
      if (value == null) {
        throw new AssertionError("record without " + key + ": " + fields);
      }
      return value;
    }

    byte[] hex(String key) {
      return HexFormat.of().parseHex(get(key));
    }

    byte[] hexOrNull(String key) {
      String value = fields.get(key);
      return value == null ? null : HexFormat.of().parseHex(value);
    }

    int integer(String key) {
      return Integer.parseInt(get(key));
    }
  }

  /** Every record of {@code file}; a record ends at the line holding {@code lastKey}. */
  static List<VecRecord> read(Path file, String lastKey) throws IOException {
    List<VecRecord> records = new ArrayList<>();
    String section = "";
    Map<String, String> current = new HashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        continue;
      }
      int eq = raw.indexOf(" = ");
      String key;
      String value;
      if (eq >= 0) {
        key = raw.substring(0, eq).strip();
        value = raw.substring(eq + 3);
      } else if (line.endsWith(" =")) {
        key = line.substring(0, line.length() - 2).strip();
        value = "";
      } else {
        throw new AssertionError("unreadable line in " + file.getFileName() + ": " + raw);
      }
      current.put(key, value);
      if (key.equals(lastKey)) {
        records.add(new VecRecord(section, Map.copyOf(current)));
        current = new HashMap<>();
      }
    }
    if (!current.isEmpty()) {
      throw new AssertionError("incomplete last record in " + file.getFileName() + ": " + current);
    }
    return records;
  }
}
