package dev.bulwark.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail as the running server writes it, and its admin routes. */
class AuditEndToEndTest {

  @Test
  void securityEvents_areRecordedPagedFilteredAndVerified() {
    try (TestServer server = TestServer.start()) {
      String alice = server.apiKey("acct-alice", Scope.APIKEYS_MANAGE, Scope.FILES_READ);
      String auditor = server.apiKey("acct-admin", Scope.AUDIT_READ, Scope.ADMIN);
      for (int i = 0; i < 3; i++) {
        assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"]}", alice).status()).isEqualTo(201);
      }
      assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"admin\"]}", alice).status()).isEqualTo(403);

      TestServer.Response all = server.get("/v1/audit?action=apikey.create&limit=2", auditor);
      assertThat(all.status()).as(all.body()).isEqualTo(200);
      JsonNode page = all.json();
      assertThat(page.get("events")).hasSize(2);
      assertThat(page.get("events").get(0).get("actor").asText()).isEqualTo("acct-alice");
      long next = page.get("next_after").asLong();
      JsonNode rest = server.get("/v1/audit?action=apikey.create&limit=2&after=" + next, auditor).json();
      assertThat(rest.get("events")).hasSize(2);
      assertThat(rest.get("events").get(1).get("outcome").asText()).isEqualTo("denied");
      assertThat(rest.get("next_after").isNull()).isTrue();
      assertThat(all.body()).doesNotContain("bwk_");

      JsonNode verdict = server.post("/v1/audit/verify", null, auditor).json();
      assertThat(verdict.get("verdict").asText()).isEqualTo("intact");
      assertThat(verdict.get("records").asLong()).isGreaterThanOrEqualTo(6);

      assertThat(server.get("/v1/audit?actor=acct-admin&action=audit.read", auditor).json().get("events")).isNotEmpty();
    }
  }

  @Test
  void editedLogOnDisk_isReportedTampered() throws Exception {
    try (TestServer server = TestServer.start()) {
      String alice = server.apiKey("acct-alice", Scope.APIKEYS_MANAGE, Scope.FILES_READ);
      String auditor = server.apiKey("acct-admin", Scope.AUDIT_READ);
      server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"]}", alice);
      server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"]}", alice);
      Path log = server.dataDir().resolve("audit").resolve(FileAuditTrail.LOG_FILE);
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      lines.set(0, lines.get(0).replace("acct-alice", "acct-mallory"));
      Files.write(log, lines, StandardCharsets.UTF_8);

      JsonNode verdict = server.post("/v1/audit/verify", null, auditor).json();
      assertThat(verdict.get("verdict").asText()).isEqualTo("tampered");
      assertThat(verdict.get("kind").asText()).isEqualTo("MODIFIED");
      assertThat(verdict.get("line").asLong()).isEqualTo(1);
    }
  }

  @Test
  void withoutAuditScope_is403_andBadPaging400() {
    try (TestServer server = TestServer.start()) {
      String user = server.apiKey("acct-alice", Scope.FILES_READ, Scope.ADMIN);
      assertThat(server.get("/v1/audit", user).status()).isEqualTo(403);
      assertThat(server.post("/v1/audit/verify", null, user).status()).isEqualTo(403);
      String auditor = server.apiKey("acct-admin", Scope.AUDIT_READ);
      assertThat(server.get("/v1/audit?limit=0", auditor).status()).isEqualTo(400);
      assertThat(server.get("/v1/audit?limit=9999", auditor).status()).isEqualTo(400);
      assertThat(server.get("/v1/audit?after=-1", auditor).status()).isEqualTo(400);
      assertThat(server.get("/v1/audit?after=abc", auditor).status()).isEqualTo(400);
    }
  }
}
