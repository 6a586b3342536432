package dev.bulwark.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.json.HardenedJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads record lines ({@code R <seq> <mac> <event JSON>}, docs/audit-log.md) for display. It does
 * not verify the chain: that is {@link FileAuditTrail#verify}'s job, and the API offers both. Lines
 * that are not well-formed records (checkpoints, damage) are skipped, never shown half-parsed.
 * Stateless and thread-safe; callers exclude concurrent appends.
 */
final class AuditReader {
  private static final JsonMapper JSON = HardenedJson.mapper(Limits.defaults());

  private AuditReader() {}

  static AuditPage read(Path logFile, AuditQuery query) throws IOException {
    List<AuditPage.Entry> page = new ArrayList<>();
    if (!Files.exists(logFile)) {
      return new AuditPage(page, OptionalLong.empty());
    }
    boolean more = false;
    try (BufferedReader lines = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        AuditPage.Entry entry = parse(line);
        if (entry == null || entry.sequence() <= query.after() || !matches(entry, query)) {
          continue;
        }
        if (page.size() == query.limit()) {
          more = true;
          break;
        }
        page.add(entry);
      }
    }
    return new AuditPage(page, more ? OptionalLong.of(page.getLast().sequence()) : OptionalLong.empty());
  }

  private static boolean matches(AuditPage.Entry entry, AuditQuery query) {
    return query.action().map(entry.action()::equals).orElse(true) && query.actor().map(entry.actor()::equals).orElse(true);
  }

  private static AuditPage.Entry parse(String line) {
    if (!line.startsWith("R ")) {
      return null;
    }
    String[] parts = line.split(" ", 4);
    if (parts.length != 4) {
      return null;
    }
    try {
      long sequence = Long.parseLong(parts[1]);
      JsonNode event = JSON.readTree(parts[3]);
      Map<String, String> details = new LinkedHashMap<>();
      event.path("attributes").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
      return new AuditPage.Entry(sequence, event.path("time").asText(), event.path("type").asText(),
          event.path("actor").asText(), event.path("outcome").asText(), details);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }
}
